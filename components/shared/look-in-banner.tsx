"use client";

import { useRouter } from "next/navigation";
import { endImpersonationAction } from "@/actions/platform/end-impersonation";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/shared/use-action";

/**
 * On every agency and clinic page while a platform admin looks in as a member: who, why, until
 * when, and the way out.
 */
export function LookInBanner({
  adminName,
  memberName,
  roleLabel,
  reason,
  until,
  backHref,
}: {
  adminName: string;
  memberName: string;
  roleLabel: string;
  reason: string;
  until: string;
  backHref: string;
}) {
  const router = useRouter();
  const end = useAction(endImpersonationAction, { onSuccess: () => router.push(backHref) });
  return (
    <div role="region" aria-label="Looking in" className="border-b border-warning/40 bg-warning/15 px-4 py-2 text-sm">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-4 gap-y-2">
        <p className="min-w-0">
          <strong>
            {adminName}, looking in as {memberName} ({roleLabel})
          </strong>{" "}
          until {until}. Everything you do is recorded in the agency&apos;s audit log. <span className="break-words text-muted-foreground">Reason: {reason}</span>
        </p>
        <div className="flex items-center gap-2">
          {end.formError && (
            <span role="alert" className="text-destructive">
              {end.formError}
            </span>
          )}
          <Button type="button" size="sm" variant="outline" disabled={end.pending} onClick={() => void end.run({})}>
            {end.pending ? "Ending…" : "End look-in"}
          </Button>
        </div>
      </div>
    </div>
  );
}
