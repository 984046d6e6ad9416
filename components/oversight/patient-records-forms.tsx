"use client";

import { useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { recordConsentAction } from "@/actions/oversight/record-consent";
import { recordGfeAction } from "@/actions/oversight/record-gfe";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { FormError, FormField } from "@/components/shared/form-field";
import { useHydrated } from "@/components/shared/use-hydrated";
import { ACCEPT, uploadFile } from "@/components/oversight/upload";
import type { ActionResult } from "@/lib/entry/action";

const selectClass =
  "h-10 w-full rounded-md border border-input bg-card px-3 text-base focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring aria-invalid:border-destructive md:text-sm";

function useRecordForm() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<ActionResult<unknown> | { ok: false; error: string; fieldErrors?: undefined } | null>(null);
  const submit = (work: () => Promise<ActionResult<unknown> | { ok: false; error: string }>, onDone: () => void) =>
    startTransition(async () => {
      let outcome: ActionResult<unknown> | { ok: false; error: string };
      try {
        outcome = await work();
      } catch {
        outcome = { ok: false, error: "Could not reach Sidecar. Check your connection and try again." };
      }
      setResult(outcome as never);
      if (outcome.ok) {
        onDone();
        router.refresh();
      }
    });
  const fieldError = (name: string) => (result && !result.ok && "fieldErrors" in result ? result.fieldErrors?.[name]?.[0] : undefined);
  return { pending, result, submit, fieldError, formError: result && !result.ok ? result.error : undefined };
}

/** Records a good-faith exam (provider, date, the service whose period applies, the document). */
export function GfeForm({ slug, locationId, contactId, today, services }: { slug: string; locationId: string; contactId: string; today: string; services: Array<{ ghlCalendarId: string; name: string }> }) {
  const ready = useHydrated();
  const form = useRef<HTMLFormElement>(null);
  const { pending, submit, fieldError, formError, result } = useRecordForm();
  return (
    <form
      ref={form}
      noValidate
      data-ready={ready || undefined}
      aria-label="Record a good-faith exam"
      className="flex flex-col gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        const file = data.get("file");
        submit(
          async () => {
            let fileId: string | null = null;
            if (file instanceof File && file.size > 0) {
              const uploaded = await uploadFile(slug, locationId, "gfe", file);
              if (!uploaded.ok) return { ok: false, error: uploaded.error };
              fileId = uploaded.fileId;
            }
            return recordGfeAction(slug, { contactId, provider: String(data.get("provider") ?? ""), examinedOn: String(data.get("examinedOn") ?? ""), ghlCalendarId: String(data.get("service") ?? "") || null, fileId });
          },
          () => form.current?.reset(),
        );
      }}
    >
      <FormField id="gfe-provider" label="Examining provider" error={fieldError("provider")}>
        <Input name="provider" autoComplete="off" />
      </FormField>
      <FormField id="gfe-date" label="Exam date" error={fieldError("examinedOn")}>
        <Input name="examinedOn" type="date" max={today} defaultValue={today} />
      </FormField>
      <FormField id="gfe-service" label="Service (its validity period applies)" hint="Leave on “Clinic default” to use the clinic's period.">
        <select name="service" className={selectClass} defaultValue="">
          <option value="">Clinic default</option>
          {services.map((s) => (
            <option key={s.ghlCalendarId} value={s.ghlCalendarId}>
              {s.name}
            </option>
          ))}
        </select>
      </FormField>
      <FormField id="gfe-file" label="Exam document (optional)" hint="A PDF or a photo, up to 15 MB.">
        <Input name="file" type="file" accept={ACCEPT} capture="environment" />
      </FormField>
      <FormError message={formError} />
      {result?.ok && <p role="status" className="text-sm text-muted-foreground">Exam recorded.</p>}
      <div>
        <Button type="submit" disabled={pending || !ready}>
          {pending ? "Saving…" : "Record exam"}
        </Button>
      </div>
    </form>
  );
}

/** Records a signed consent: a treatment form (at its current version) or the photo consent, with the signed file. */
export function ConsentForm({ slug, locationId, contactId, today, templates }: { slug: string; locationId: string; contactId: string; today: string; templates: Array<{ key: string; title: string; version: number }> }) {
  const ready = useHydrated();
  const form = useRef<HTMLFormElement>(null);
  const { pending, submit, fieldError, formError, result } = useRecordForm();
  return (
    <form
      ref={form}
      noValidate
      data-ready={ready || undefined}
      aria-label="Record a signed consent"
      className="flex flex-col gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        const which = String(data.get("which") ?? "");
        const file = data.get("file");
        submit(
          async () => {
            if (!(file instanceof File) || file.size === 0) return { ok: false, error: "Attach the signed form (a PDF or a photo)." };
            const uploaded = await uploadFile(slug, locationId, "consent", file);
            if (!uploaded.ok) return { ok: false, error: uploaded.error };
            return recordConsentAction(slug, {
              contactId,
              kind: which === "photo" ? "photo" : "treatment",
              consentKey: which === "photo" ? null : which || null,
              signedOn: String(data.get("signedOn") ?? ""),
              witness: String(data.get("witness") ?? "").trim() || null,
              fileId: uploaded.fileId,
            });
          },
          () => form.current?.reset(),
        );
      }}
    >
      <FormField id="consent-which" label="Form" error={fieldError("consentKey")}>
        <select name="which" className={selectClass} defaultValue={templates[0]?.key ?? "photo"}>
          {templates.map((t) => (
            <option key={t.key} value={t.key}>
              {t.title} (version {t.version})
            </option>
          ))}
          <option value="photo">Photo consent</option>
        </select>
      </FormField>
      <FormField id="consent-date" label="Signed on" error={fieldError("signedOn")}>
        <Input name="signedOn" type="date" max={today} defaultValue={today} />
      </FormField>
      <FormField id="consent-witness" label="Witness (optional)" error={fieldError("witness")}>
        <Input name="witness" autoComplete="off" />
      </FormField>
      <FormField id="consent-file" label="Signed form" hint="A PDF or a photo, up to 15 MB." error={fieldError("fileId")}>
        <Input name="file" type="file" accept={ACCEPT} capture="environment" />
      </FormField>
      <FormError message={formError} />
      {result?.ok && <p role="status" className="text-sm text-muted-foreground">Consent recorded.</p>}
      <div>
        <Button type="submit" disabled={pending || !ready}>
          {pending ? "Saving…" : "Record consent"}
        </Button>
      </div>
    </form>
  );
}
