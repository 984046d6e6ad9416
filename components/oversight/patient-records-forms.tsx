"use client";

import { recordConsentAction } from "@/actions/oversight/record-consent";
import { recordGfeAction } from "@/actions/oversight/record-gfe";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { FormError, FormField } from "@/components/shared/form-field";
import { UploadField, useUploadForm } from "@/components/shared/upload-field";

const selectClass =
  "h-10 w-full rounded-md border border-input bg-card px-3 text-base focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring aria-invalid:border-destructive md:text-sm";

/** Records a good-faith exam (provider, date, the service whose period applies, the document). */
export function GfeForm({ slug, locationId, contactId, today, services }: { slug: string; locationId: string; contactId: string; today: string; services: Array<{ ghlCalendarId: string; name: string }> }) {
  const { formProps, ready, pending, fieldError, formErrorBeside, result } = useUploadForm(
    { slug, locationId, purpose: "gfe" },
    {
      send: (data, fileId) =>
        recordGfeAction(slug, { contactId, provider: String(data.get("provider") ?? ""), examinedOn: String(data.get("examinedOn") ?? ""), ghlCalendarId: String(data.get("service") ?? "") || null, fileId }),
    },
  );
  return (
    <form {...formProps} aria-label="Record a good-faith exam" className="flex flex-col gap-3">
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
      <UploadField id="gfe-file" label="Exam document (optional)" error={fieldError("file")} />
      <FormError message={formErrorBeside(["provider", "examinedOn", "file"])} />
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
  const { formProps, ready, pending, fieldError, formErrorBeside, result } = useUploadForm(
    { slug, locationId, purpose: "consent" },
    {
      required: "Attach the signed form (a PDF or a photo).",
      send: (data, fileId) => {
        const which = String(data.get("which") ?? "");
        return recordConsentAction(slug, {
          contactId,
          kind: which === "photo" ? "photo" : "treatment",
          consentKey: which === "photo" ? null : which || null,
          signedOn: String(data.get("signedOn") ?? ""),
          witness: String(data.get("witness") ?? "").trim() || null,
          fileId,
        });
      },
    },
  );
  return (
    <form {...formProps} aria-label="Record a signed consent" className="flex flex-col gap-3">
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
      <UploadField id="consent-file" label="Signed form" error={fieldError("file") ?? fieldError("fileId")} />
      <FormError message={formErrorBeside(["consentKey", "signedOn", "witness", "file", "fileId"])} />
      {result?.ok && <p role="status" className="text-sm text-muted-foreground">Consent recorded.</p>}
      <div>
        <Button type="submit" disabled={pending || !ready}>
          {pending ? "Saving…" : "Record consent"}
        </Button>
      </div>
    </form>
  );
}
