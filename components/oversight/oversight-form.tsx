"use client";

import { saveOversightAction } from "@/actions/oversight/save-oversight";
import { publishConsentTemplateAction } from "@/actions/oversight/publish-consent-template";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { FormError, FormField } from "@/components/shared/form-field";
import { useAction } from "@/components/shared/use-action";
import { useHydrated } from "@/components/shared/use-hydrated";
import { UploadField, useUploadForm } from "@/components/shared/upload-field";

const selectClass =
  "h-10 w-full rounded-md border border-input bg-card px-3 text-base focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring aria-invalid:border-destructive md:text-sm";

export interface OversightFormProps {
  slug: string;
  locationId: string;
  canEdit: boolean;
  states: Array<{ code: string; name: string; days: number }>;
  initial: { state: string | null; medicalDirector: string | null; providers: string[]; chartReviewPercent: number | null; chartReviewMinimum: number | null };
  services: Array<{ ghlCalendarId: string; name: string; gfeRequired: boolean; gfeValidityDays: number | null; consentKey: string | null }>;
  templates: Array<{ key: string; title: string; version: number }>;
}

const intOrNull = (value: FormDataEntryValue | null) => (value === null || String(value).trim() === "" ? null : Number(value));

/** A clinic's oversight: director, providers, state, chart reviews, and what each service needs before a visit. */
export function OversightForm({ slug, locationId, canEdit, states, initial, services, templates }: OversightFormProps) {
  const ready = useHydrated();
  const { run, pending, fieldError, formErrorBeside, result } = useAction((input: Parameters<typeof saveOversightAction>[1]) => saveOversightAction(slug, input));
  return (
    <form
      noValidate
      data-ready={ready || undefined}
      aria-label="Medical oversight"
      className="flex flex-col gap-4"
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        void run({
          locationId,
          state: String(data.get("state") ?? "") || null,
          medicalDirector: String(data.get("medicalDirector") ?? "").trim() || null,
          providers: String(data.get("providers") ?? "")
            .split("\n")
            .map((line) => line.trim())
            .filter(Boolean),
          chartReviewPercent: intOrNull(data.get("chartReviewPercent")),
          chartReviewMinimum: intOrNull(data.get("chartReviewMinimum")),
          services: services.map((s, i) => ({
            ghlCalendarId: s.ghlCalendarId,
            gfeRequired: data.get(`gfe-${i}`) === "on",
            gfeValidityDays: intOrNull(data.get(`days-${i}`)),
            consentKey: String(data.get(`consent-${i}`) ?? "") || null,
          })),
        });
      }}
    >
      <fieldset disabled={!canEdit} className="grid gap-4 sm:grid-cols-2">
        <FormField id="ov-director" label="Medical director" error={fieldError("medicalDirector")}>
          <Input name="medicalDirector" defaultValue={initial.medicalDirector ?? ""} autoComplete="off" />
        </FormField>
        <FormField id="ov-state" label="State (for the GFE default)" error={fieldError("state")}>
          <select name="state" className={selectClass} defaultValue={initial.state ?? ""}>
            <option value="">Not set (12 months)</option>
            {states.map((s) => (
              <option key={s.code} value={s.code}>
                {s.name} ({s.days} days)
              </option>
            ))}
          </select>
        </FormField>
        <FormField id="ov-providers" label="Providers" hint="One per line: who may examine and treat." error={fieldError("providers")}>
          <textarea name="providers" rows={3} defaultValue={initial.providers.join("\n")} className="w-full rounded-md border border-input bg-card px-3 py-2 text-base md:text-sm" />
        </FormField>
        <div className="grid grid-cols-2 gap-3">
          <FormField id="ov-percent" label="Chart reviews (% of visits)" error={fieldError("chartReviewPercent")}>
            <Input name="chartReviewPercent" type="number" inputMode="numeric" min={1} max={100} defaultValue={initial.chartReviewPercent ?? ""} />
          </FormField>
          <FormField id="ov-minimum" label="At least (charts / month)" error={fieldError("chartReviewMinimum")}>
            <Input name="chartReviewMinimum" type="number" inputMode="numeric" min={1} defaultValue={initial.chartReviewMinimum ?? ""} />
          </FormField>
        </div>
      </fieldset>
      <fieldset disabled={!canEdit} className="flex flex-col gap-2">
        <legend className="mb-2 font-medium">What each service needs</legend>
        {services.length === 0 ? (
          <p className="text-sm text-muted-foreground">This clinic has no calendars synced from GoHighLevel yet.</p>
        ) : (
          <ul className="flex flex-col gap-3">
            {services.map((s, i) => (
              <li key={s.ghlCalendarId} className="grid gap-3 rounded-md border p-3 sm:grid-cols-[1fr_auto_8rem_12rem] sm:items-end">
                <p className="font-medium">{s.name}</p>
                <label className="flex items-center gap-2 text-sm">
                  <input type="checkbox" name={`gfe-${i}`} defaultChecked={s.gfeRequired} className="size-4" /> Needs a GFE
                </label>
                <FormField id={`ov-days-${i}`} label="GFE valid (days)" error={fieldError(`services.${i}.gfeValidityDays`)}>
                  <Input name={`days-${i}`} type="number" inputMode="numeric" min={1} placeholder="State default" defaultValue={s.gfeValidityDays ?? ""} />
                </FormField>
                <FormField id={`ov-consent-${i}`} label="Consent form" error={fieldError(`services.${i}.consentKey`)}>
                  <select name={`consent-${i}`} className={selectClass} defaultValue={s.consentKey ?? ""}>
                    <option value="">None</option>
                    {templates.map((t) => (
                      <option key={t.key} value={t.key}>
                        {t.title} (v{t.version})
                      </option>
                    ))}
                  </select>
                </FormField>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
      <FormError message={formErrorBeside(["medicalDirector", "state", "providers", "chartReviewPercent", "chartReviewMinimum"])} />
      {result?.ok && <p role="status" className="text-sm text-muted-foreground">Saved.</p>}
      {canEdit ? (
        <div>
          <Button type="submit" disabled={pending || !ready}>
            {pending ? "Saving…" : "Save oversight"}
          </Button>
        </div>
      ) : (
        <p className="text-sm text-muted-foreground">Only agency owners and admins can change these.</p>
      )}
    </form>
  );
}

/** Publishes a consent form, or its next version (everyone who signed an earlier one is asked again). */
export function ConsentTemplateForm({ slug, locationId, templates }: { slug: string; locationId: string; templates: Array<{ key: string; title: string; version: number }> }) {
  const { formProps, ready, pending, fieldError, formErrorBeside, result } = useUploadForm(
    { slug, locationId, purpose: "consent_template" },
    {
      send: (data, fileId) =>
        publishConsentTemplateAction(slug, { locationId, key: String(data.get("key") ?? ""), title: String(data.get("title") ?? ""), body: String(data.get("body") ?? "").trim() || null, fileId }),
    },
  );
  return (
    <form {...formProps} aria-label="Publish a consent form" className="flex flex-col gap-3">
      <div className="grid gap-3 sm:grid-cols-2">
        <FormField id="ct-key" label="Form id" hint={templates.length ? `Reuse an id (${templates.map((t) => t.key).join(", ")}) to publish its next version.` : "Short and stable, e.g. iv-therapy."} error={fieldError("key")}>
          <Input name="key" autoComplete="off" list="ct-keys" />
        </FormField>
        <FormField id="ct-title" label="Title" error={fieldError("title")}>
          <Input name="title" autoComplete="off" />
        </FormField>
      </div>
      <datalist id="ct-keys">
        {templates.map((t) => (
          <option key={t.key} value={t.key} />
        ))}
      </datalist>
      <FormField id="ct-body" label="Text of the form" hint="Or attach the clinic's own PDF below (one of the two is needed)." error={fieldError("body")}>
        <textarea name="body" rows={5} className="w-full rounded-md border border-input bg-card px-3 py-2 text-base md:text-sm" />
      </FormField>
      <UploadField id="ct-file" label="The form as a PDF (optional)" hint="" error={fieldError("file")} pdfOnly />
      <FormError message={formErrorBeside(["key", "title", "body", "file"])} />
      {result?.ok && <p role="status" className="text-sm text-muted-foreground">Published version {result.data.version}.</p>}
      <div>
        <Button type="submit" disabled={pending || !ready}>
          {pending ? "Publishing…" : "Publish"}
        </Button>
      </div>
    </form>
  );
}
