"use client";

import Link from "next/link";
import { useId, useState } from "react";
import { assignFindingAction } from "@/actions/ops/assign-finding";
import { quarantineLotAction } from "@/actions/ops/quarantine-lot";
import { resolveFindingAction } from "@/actions/ops/resolve-finding";
import { runDetectorsAction } from "@/actions/ops/run-detectors";
import { snoozeFindingAction } from "@/actions/ops/snooze-finding";
import { syncNowAction } from "@/actions/integrations/sync-now";
import { ConfirmButton } from "@/components/shared/confirm-button";
import { useAction } from "@/components/shared/use-action";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/select";
import type { SuggestedAction } from "@/lib/ops/findings";

export interface Assignee {
  userId: string;
  name: string;
}

const SNOOZES = [
  { value: "1h", label: "1 hour" },
  { value: "4h", label: "4 hours" },
  { value: "1d", label: "1 day" },
  { value: "3d", label: "3 days" },
  { value: "7d", label: "1 week" },
] as const;

function snoozeUntil(choice: string): Date {
  const hours = { "1h": 1, "4h": 4, "1d": 24, "3d": 72, "7d": 168 }[choice] ?? 24;
  return new Date(Date.now() + hours * 3_600_000);
}

function Feedback({ error, done }: { error?: string; done?: string | null }) {
  return (
    <p role="status" aria-live="polite" className={error ? "text-sm text-destructive" : "text-sm text-muted-foreground"}>
      {error ?? done ?? ""}
    </p>
  );
}

/** The one-click fix a finding suggests, when Sidecar can do it. */
function PrimaryAction({ slug, findingId, locationId, action, canRetrySync }: { slug: string; findingId: string; locationId: string; action: SuggestedAction; canRetrySync: boolean }) {
  const sync = useAction((input: { locationId: string }) => syncNowAction(slug, input));
  const check = useAction((input: Record<string, never>) => runDetectorsAction(slug, input));
  const quarantine = useAction((input: { findingId: string }) => quarantineLotAction(slug, input));
  const [done, setDone] = useState<string | null>(null);

  if (action.kind === "sync.retry" && canRetrySync) {
    return (
      <div className="flex flex-col gap-1">
        <Button
          size="sm"
          disabled={sync.pending || check.pending}
          onClick={async () => {
            setDone(null);
            const result = await sync.run({ locationId });
            if (result.ok) {
              await check.run({});
              setDone(result.data.status === "failed" ? `The sync failed again: ${result.data.error ?? "see Settings → Integrations"}` : "Synced. The queue is up to date.");
            }
          }}
        >
          {sync.pending ? "Syncing…" : check.pending ? "Checking…" : action.label}
        </Button>
        <Feedback error={sync.formError ?? check.formError} done={done} />
      </div>
    );
  }
  if (action.kind === "inventory.quarantine") {
    return (
      <div className="flex flex-col gap-1">
        <ConfirmButton
          size="sm"
          variant="default"
          title="Quarantine this lot?"
          description="Every unit of the lot is taken out of stock with the reason recorded in the ledger, and this finding is resolved. This cannot be undone from the queue."
          confirmLabel="Quarantine"
          pending={quarantine.pending}
          onConfirm={async () => {
            const result = await quarantine.run({ findingId });
            if (result.ok) setDone(`Quarantined ${result.data.quantity} units.`);
          }}
        >
          {quarantine.pending ? "Quarantining…" : action.label}
        </ConfirmButton>
        <Feedback error={quarantine.formError} done={done} />
      </div>
    );
  }
  if (action.href) {
    return (
      <Button asChild size="sm">
        <Link href={action.href}>{action.label}</Link>
      </Button>
    );
  }
  return null;
}

function ResolveButton({ slug, findingId, title }: { slug: string; findingId: string; title: string }) {
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState("");
  const noteId = useId();
  const resolve = useAction((input: { findingId: string; note: string }) => resolveFindingAction(slug, input), { onSuccess: () => setOpen(false) });
  return (
    <AlertDialog open={open} onOpenChange={(next) => { setOpen(next); if (!next) resolve.reset(); }}>
      <AlertDialogTrigger asChild>
        <Button size="sm" variant="outline">Resolve</Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogTitle>Resolve this finding</AlertDialogTitle>
        <AlertDialogDescription>{title}</AlertDialogDescription>
        <form
          className="flex flex-col gap-3"
          onSubmit={(event) => {
            event.preventDefault();
            void resolve.run({ findingId, note });
          }}
        >
          <div className="flex flex-col gap-1.5">
            <Label htmlFor={noteId}>What was done</Label>
            <textarea
              id={noteId}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              rows={3}
              maxLength={1000}
              aria-invalid={resolve.fieldError("note") ? true : undefined}
              aria-describedby={`${noteId}-error`}
              className="rounded-md border bg-background px-3 py-2 text-sm"
            />
            <p id={`${noteId}-error`} className="text-sm text-destructive">{resolve.fieldError("note") ?? (resolve.fieldError("note") ? "" : resolve.formError)}</p>
          </div>
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <AlertDialogCancel>Cancel</AlertDialogCancel>
            <Button type="submit" disabled={resolve.pending}>{resolve.pending ? "Resolving…" : "Resolve"}</Button>
          </div>
        </form>
      </AlertDialogContent>
    </AlertDialog>
  );
}

export function FindingActions({
  slug,
  finding,
  assignees,
  canRetrySync,
  showManage = true,
}: {
  slug: string;
  finding: { id: string; locationId: string; title: string; action: SuggestedAction | null; assigneeUserId: string | null; resolved: boolean };
  assignees: Assignee[];
  canRetrySync: boolean;
  showManage?: boolean;
}) {
  const assign = useAction((input: { findingId: string; assigneeUserId: string | null }) => assignFindingAction(slug, input));
  const snooze = useAction((input: { findingId: string; until: Date }) => snoozeFindingAction(slug, input));
  const assignId = useId();
  const snoozeId = useId();
  if (finding.resolved) return null;
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-start gap-2">
        {finding.action && <PrimaryAction slug={slug} findingId={finding.id} locationId={finding.locationId} action={finding.action} canRetrySync={canRetrySync} />}
        {showManage && <ResolveButton slug={slug} findingId={finding.id} title={finding.title} />}
      </div>
      {showManage && (
        <div className="flex flex-wrap items-end gap-3">
          <div className="flex flex-col gap-1">
            <Label htmlFor={assignId} className="text-xs">Assigned to</Label>
            <NativeSelect
              id={assignId}
              className="h-8 min-w-40 text-sm"
              value={finding.assigneeUserId ?? ""}
              disabled={assign.pending}
              onChange={(e) => void assign.run({ findingId: finding.id, assigneeUserId: e.target.value || null })}
            >
              <option value="">Nobody</option>
              {assignees.map((a) => (
                <option key={a.userId} value={a.userId}>{a.name}</option>
              ))}
            </NativeSelect>
          </div>
          <div className="flex flex-col gap-1">
            <Label htmlFor={snoozeId} className="text-xs">Snooze for</Label>
            <NativeSelect
              id={snoozeId}
              className="h-8 min-w-32 text-sm"
              value=""
              disabled={snooze.pending}
              onChange={(e) => e.target.value && void snooze.run({ findingId: finding.id, until: snoozeUntil(e.target.value) })}
            >
              <option value="">Choose…</option>
              {SNOOZES.map((s) => (
                <option key={s.value} value={s.value}>{s.label}</option>
              ))}
            </NativeSelect>
          </div>
          <Feedback error={assign.formError ?? snooze.formError} />
        </div>
      )}
    </div>
  );
}

export function CheckNowButton({ slug }: { slug: string }) {
  const check = useAction((input: Record<string, never>) => runDetectorsAction(slug, input));
  return (
    <div className="flex flex-col items-start gap-1 sm:items-end">
      <Button variant="outline" disabled={check.pending} onClick={() => void check.run({})}>
        {check.pending ? "Checking every clinic…" : "Check now"}
      </Button>
      <p role="status" aria-live="polite" className="text-xs text-muted-foreground">
        {check.formError ?? (check.result?.ok ? `${check.result.data.detected} open problems found, ${check.result.data.opened} new, ${check.result.data.autoResolved} resolved` : "")}
      </p>
    </div>
  );
}
