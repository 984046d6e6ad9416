"use client";

import { useState } from "react";
import { CalendarPlus, RefreshCw, Unplug } from "lucide-react";
import { connectCalcomAction } from "@/actions/calcom/connect-calcom";
import { disconnectCalcomAction } from "@/actions/calcom/disconnect-calcom";
import { mapEventTypeAction } from "@/actions/calcom/map-event-type";
import { syncEventTypesAction } from "@/actions/calcom/sync-event-types";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { ConfirmButton } from "@/components/shared/confirm-button";
import { FormError, FormField } from "@/components/shared/form-field";
import { useAction } from "@/components/shared/use-action";

export function ConnectCalcomForm({ slug, replacing = false }: { slug: string; replacing?: boolean }) {
  const [apiKey, setApiKey] = useState("");
  const connect = useAction((input: { apiKey: string }) => connectCalcomAction(slug, input), { onSuccess: () => setApiKey("") });
  return (
    <form
      aria-label={replacing ? "Replace the Cal.com API key" : "Connect Cal.com"}
      className="flex flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        void connect.run({ apiKey });
      }}
    >
      <FormField id="calcom-api-key" label={replacing ? "New API key" : "Cal.com API key"} hint="Cal.com → Settings → Developer → API keys. Stored encrypted; Sidecar registers its own webhook with it." error={connect.fieldError("apiKey")}>
        <Input type="password" autoComplete="off" spellCheck={false} value={apiKey} onChange={(e) => setApiKey(e.target.value)} placeholder="cal_live_…" required />
      </FormField>
      <FormError message={connect.fieldError("apiKey") ? undefined : connect.formError} />
      {connect.result?.ok && (
        <p role="status" className="text-sm text-success">
          Connected as {connect.result.data.accountEmail}: {connect.result.data.eventTypes} event type{connect.result.data.eventTypes === 1 ? "" : "s"} found. Map them to clinics below.
        </p>
      )}
      <div>
        <Button type="submit" disabled={connect.pending || apiKey.trim() === ""}>
          <CalendarPlus aria-hidden="true" /> {connect.pending ? "Checking the key with Cal.com…" : replacing ? "Replace key" : "Connect Cal.com"}
        </Button>
      </div>
    </form>
  );
}

type ClinicOption = { id: string; name: string; calendars: Array<{ ghlCalendarId: string; name: string }> };

export function EventTypeMapping({
  slug,
  eventType,
  clinics,
}: {
  slug: string;
  eventType: { eventTypeId: number; title: string; lengthInMinutes: number; locationId: string | null; ghlCalendarId: string | null };
  clinics: ClinicOption[];
}) {
  const [locationId, setLocationId] = useState(eventType.locationId ?? "");
  const [ghlCalendarId, setGhlCalendarId] = useState(eventType.ghlCalendarId ?? "");
  const map = useAction((input: { eventTypeId: number; locationId: string; ghlCalendarId: string }) => mapEventTypeAction(slug, input));
  const clinic = clinics.find((c) => c.id === locationId);
  const idBase = `calcom-et-${eventType.eventTypeId}`;
  const dirty = locationId !== (eventType.locationId ?? "") || ghlCalendarId !== (eventType.ghlCalendarId ?? "");
  return (
    <form
      aria-label={`Map ${eventType.title}`}
      className="grid gap-3 rounded-md border p-3 sm:grid-cols-[1fr_1fr_1fr_auto] sm:items-end"
      onSubmit={(e) => {
        e.preventDefault();
        void map.run({ eventTypeId: eventType.eventTypeId, locationId, ghlCalendarId });
      }}
    >
      <div>
        <p className="font-medium">{eventType.title}</p>
        <p className="text-xs text-muted-foreground">{eventType.lengthInMinutes} min · event type {eventType.eventTypeId}</p>
      </div>
      <FormField id={`${idBase}-clinic`} label="Clinic" error={map.fieldError("locationId")}>
        <NativeSelect
          value={locationId}
          onChange={(e) => {
            setLocationId(e.target.value);
            setGhlCalendarId("");
          }}
        >
          <option value="">Not used by a clinic</option>
          {clinics.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </NativeSelect>
      </FormField>
      <FormField id={`${idBase}-calendar`} label="Shares chairs with" error={map.fieldError("ghlCalendarId")}>
        <NativeSelect value={ghlCalendarId} onChange={(e) => setGhlCalendarId(e.target.value)} disabled={!clinic}>
          <option value="">The whole clinic</option>
          {clinic?.calendars.map((c) => (
            <option key={c.ghlCalendarId} value={c.ghlCalendarId}>
              {c.name} (GoHighLevel)
            </option>
          ))}
        </NativeSelect>
      </FormField>
      <div className="flex flex-col gap-1">
        <Button type="submit" variant="outline" disabled={map.pending || !dirty}>
          {map.pending ? "Saving…" : "Save"}
        </Button>
        <p aria-live="polite" className="text-xs">
          {map.formError && !map.fieldError("locationId") && !map.fieldError("ghlCalendarId") ? <span className="text-destructive">{map.formError}</span> : map.result?.ok && !dirty ? <span className="text-success">Saved</span> : null}
        </p>
      </div>
    </form>
  );
}

export function RefreshEventTypesButton({ slug }: { slug: string }) {
  const sync = useAction((input: Record<string, never>) => syncEventTypesAction(slug, input));
  return (
    <div className="flex flex-col gap-1">
      <div>
        <Button size="sm" variant="outline" onClick={() => void sync.run({})} disabled={sync.pending}>
          <RefreshCw aria-hidden="true" className={sync.pending ? "animate-spin" : undefined} /> {sync.pending ? "Reading event types…" : "Read event types again"}
        </Button>
      </div>
      <p aria-live="polite" className="text-xs text-muted-foreground">
        {sync.formError ?? (sync.result?.ok ? `${sync.result.data.eventTypes} event types in Cal.com.` : null)}
      </p>
    </div>
  );
}

export function DisconnectCalcom({ slug }: { slug: string }) {
  const disconnect = useAction((input: Record<string, never>) => disconnectCalcomAction(slug, input));
  return (
    <div className="flex flex-col gap-2">
      <FormError message={disconnect.formError} />
      <div>
        <ConfirmButton
          title="Disconnect Cal.com?"
          description="Sidecar removes its webhook from Cal.com and deletes the API key. Cal.com appointments already shown stay; connect again to resume."
          confirmLabel="Disconnect"
          onConfirm={() => disconnect.run({})}
          pending={disconnect.pending}
          variant="destructive"
          size="default"
        >
          <Unplug aria-hidden="true" /> Disconnect Cal.com
        </ConfirmButton>
      </div>
    </div>
  );
}
