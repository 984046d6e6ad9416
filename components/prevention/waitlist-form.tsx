"use client";

import { useState } from "react";
import { addWaitlistEntryAction } from "@/actions/prevention/add-waitlist-entry";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { FormError, FormField } from "@/components/shared/form-field";
import { useAction } from "@/components/shared/use-action";
import { DAY_NAMES } from "@/lib/prevention/waitlist";

const FIELDS = ["contactId", "ghlCalendarId", "preferredFrom", "preferredTo", "expiresOn", "note"] as const;

/** Puts a contact on the clinic's waitlist for one calendar, with the days and times they can come and until when. */
export function WaitlistForm({
  slug,
  locationId,
  contacts,
  calendars,
  today,
}: {
  slug: string;
  locationId: string;
  contacts: Array<{ id: string; label: string }>;
  calendars: Array<{ id: string; name: string }>;
  today: string;
}) {
  const blank = { contactId: "", ghlCalendarId: calendars[0]?.id ?? "", preferredDays: [] as number[], preferredFrom: "09:00", preferredTo: "17:00", expiresOn: "", note: "" };
  const [values, setValues] = useState(blank);
  const add = useAction((input: typeof values) => addWaitlistEntryAction(slug, { ...input, locationId }), { onSuccess: () => setValues(blank) });
  if (contacts.length === 0 || calendars.length === 0) {
    return <p className="text-sm text-muted-foreground">The waitlist needs this clinic&rsquo;s contacts and calendars from GoHighLevel; none are synced yet.</p>;
  }
  const toggleDay = (day: number) => setValues((v) => ({ ...v, preferredDays: v.preferredDays.includes(day) ? v.preferredDays.filter((d) => d !== day) : [...v.preferredDays, day] }));
  return (
    <form
      noValidate
      aria-label="Add to the waitlist"
      className="flex flex-col gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        void add.run(values);
      }}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id="waitlist-contact" label="Contact" error={add.fieldError("contactId")}>
          <NativeSelect value={values.contactId} onChange={(e) => setValues((v) => ({ ...v, contactId: e.target.value }))}>
            <option value="">Choose a contact…</option>
            {contacts.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField id="waitlist-calendar" label="Service (calendar)" error={add.fieldError("ghlCalendarId")}>
          <NativeSelect value={values.ghlCalendarId} onChange={(e) => setValues((v) => ({ ...v, ghlCalendarId: e.target.value }))}>
            {calendars.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField id="waitlist-from" label="Earliest start" error={add.fieldError("preferredFrom")}>
          <Input type="time" value={values.preferredFrom} onChange={(e) => setValues((v) => ({ ...v, preferredFrom: e.target.value }))} />
        </FormField>
        <FormField id="waitlist-to" label="Latest start" error={add.fieldError("preferredTo")}>
          <Input type="time" value={values.preferredTo} onChange={(e) => setValues((v) => ({ ...v, preferredTo: e.target.value }))} />
        </FormField>
        <FormField id="waitlist-expires" label="Waiting until" hint="The last day the entry stands." error={add.fieldError("expiresOn")}>
          <Input type="date" min={today} value={values.expiresOn} onChange={(e) => setValues((v) => ({ ...v, expiresOn: e.target.value }))} />
        </FormField>
        <FormField id="waitlist-note" label="Note (optional)" error={add.fieldError("note")}>
          <Input value={values.note} onChange={(e) => setValues((v) => ({ ...v, note: e.target.value }))} />
        </FormField>
      </div>
      <fieldset className="flex flex-col gap-2">
        <legend className="text-sm font-medium">Days they can come (none ticked: any day)</legend>
        <div className="flex flex-wrap gap-3">
          {DAY_NAMES.map((name, day) => (
            <label key={name} className="flex min-h-10 items-center gap-1.5 text-sm">
              <input type="checkbox" className="size-4" checked={values.preferredDays.includes(day)} onChange={() => toggleDay(day)} />
              {name}
            </label>
          ))}
        </div>
      </fieldset>
      <FormError message={add.formErrorBeside(FIELDS)} />
      {add.result?.ok && (
        <p role="status" className="text-sm text-success">
          Added to the waitlist.
        </p>
      )}
      <Button type="submit" className="self-start" disabled={add.pending}>
        {add.pending ? "Adding…" : "Add to waitlist"}
      </Button>
    </form>
  );
}
