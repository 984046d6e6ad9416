"use client";

import { useState } from "react";
import { savePreventionPolicyAction } from "@/actions/prevention/save-policy";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { FormError, FormField } from "@/components/shared/form-field";
import { useAction } from "@/components/shared/use-action";

export interface PolicyValues {
  enabled: boolean;
  riskThresholdPercent: number;
  hoursBefore: number;
  replyDeadlineHours: number;
  quietStart: string;
  quietEnd: string;
  offerWindowMinutes: number;
}

const FIELDS = ["riskThresholdPercent", "hoursBefore", "replyDeadlineHours", "quietStart", "quietEnd", "offerWindowMinutes"] as const;

/** A clinic's prevention policy: who gets a confirmation text, when, the reply deadline and quiet hours. */
export function PolicyForm({ slug, locationId, timezone, initial, canEdit }: { slug: string; locationId: string; timezone: string; initial: PolicyValues; canEdit: boolean }) {
  const [values, setValues] = useState(() => ({ ...initial, riskThresholdPercent: String(initial.riskThresholdPercent), hoursBefore: String(initial.hoursBefore), replyDeadlineHours: String(initial.replyDeadlineHours), offerWindowMinutes: String(initial.offerWindowMinutes) }));
  const save = useAction((input: typeof values) => savePreventionPolicyAction(slug, { ...input, locationId }));
  const set = (key: keyof typeof values) => (e: React.ChangeEvent<HTMLInputElement>) => setValues((v) => ({ ...v, [key]: e.target.value }));
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>Confirmation texts</h2>
        </CardTitle>
        <CardDescription>
          Appointments at or above the no-show risk threshold get one text through GoHighLevel asking to confirm. A reply of yes, Y, C or confirm marks the appointment
          confirmed in GoHighLevel; no reply by the deadline puts &ldquo;call to confirm&rdquo; in the queue. Contacts on do-not-disturb are never texted. Times are the
          clinic&rsquo;s ({timezone}).
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form
          noValidate
          aria-label="Prevention policy"
          className="flex flex-col gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            void save.run(values);
          }}
        >
          <label className="flex items-center gap-2 text-sm font-medium">
            <input type="checkbox" className="size-4" checked={values.enabled} disabled={!canEdit} onChange={(e) => setValues((v) => ({ ...v, enabled: e.target.checked }))} />
            Send confirmation texts for this clinic
          </label>
          <div className="grid gap-4 sm:grid-cols-2">
            <FormField id="policy-threshold" label="Risk threshold (%)" hint="Appointments at or above this no-show risk get a text." error={save.fieldError("riskThresholdPercent")}>
              <Input inputMode="numeric" value={values.riskThresholdPercent} onChange={set("riskThresholdPercent")} disabled={!canEdit} />
            </FormField>
            <FormField id="policy-hours" label="Send (hours before)" error={save.fieldError("hoursBefore")}>
              <Input inputMode="numeric" value={values.hoursBefore} onChange={set("hoursBefore")} disabled={!canEdit} />
            </FormField>
            <FormField id="policy-deadline" label="Reply deadline (hours before)" hint="No reply by then: the front desk is asked to call." error={save.fieldError("replyDeadlineHours")}>
              <Input inputMode="numeric" value={values.replyDeadlineHours} onChange={set("replyDeadlineHours")} disabled={!canEdit} />
            </FormField>
            <FormField id="policy-window" label="Waitlist reply window (minutes)" error={save.fieldError("offerWindowMinutes")}>
              <Input inputMode="numeric" value={values.offerWindowMinutes} onChange={set("offerWindowMinutes")} disabled={!canEdit} />
            </FormField>
            <FormField id="policy-quiet-start" label="Quiet hours start" error={save.fieldError("quietStart")}>
              <Input type="time" value={values.quietStart} onChange={set("quietStart")} disabled={!canEdit} />
            </FormField>
            <FormField id="policy-quiet-end" label="Quiet hours end" error={save.fieldError("quietEnd")}>
              <Input type="time" value={values.quietEnd} onChange={set("quietEnd")} disabled={!canEdit} />
            </FormField>
          </div>
          <FormError message={save.formErrorBeside(FIELDS)} />
          {save.result?.ok && (
            <p role="status" className="text-sm text-success">
              Saved.
            </p>
          )}
          {canEdit ? (
            <Button type="submit" className="self-start" disabled={save.pending}>
              {save.pending ? "Saving…" : "Save policy"}
            </Button>
          ) : (
            <p className="text-sm text-muted-foreground">Only an owner or admin can change this.</p>
          )}
        </form>
      </CardContent>
    </Card>
  );
}
