"use client";

import { useState } from "react";
import { Link2, RefreshCw, Unplug } from "lucide-react";
import { addClinicsAction } from "@/actions/integrations/add-clinics";
import { disconnectGhlAction } from "@/actions/integrations/disconnect-ghl";
import { startGhlConnectAction } from "@/actions/integrations/start-ghl-connect";
import { syncNowAction } from "@/actions/integrations/sync-now";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/shared/confirm-button";
import { FormError } from "@/components/shared/form-field";
import { useAction } from "@/components/shared/use-action";

export function ConnectGhlButton({ slug, label = "Connect GoHighLevel" }: { slug: string; label?: string }) {
  const connect = useAction((input: Record<string, never>) => startGhlConnectAction(slug, input), {
    onSuccess: (data) => window.location.assign(data.url),
  });
  return (
    <div className="flex flex-col gap-2">
      <FormError message={connect.formError} />
      <div>
        <Button onClick={() => void connect.run({})} disabled={connect.pending}>
          <Link2 aria-hidden="true" /> {connect.pending ? "Opening GoHighLevel…" : label}
        </Button>
      </div>
    </div>
  );
}

export function ClinicPicker({
  slug,
  locations,
}: {
  slug: string;
  locations: Array<{ id: string; name: string; timezone: string; isClinic: boolean; newlyInstalled?: boolean }>;
}) {
  const [chosen, setChosen] = useState<string[]>([]);
  const add = useAction((input: { ghlLocationIds: string[] }) => addClinicsAction(slug, input), { onSuccess: () => setChosen([]) });
  const available = locations.filter((l) => !l.isClinic);
  return (
    <form
      aria-label="Choose clinics"
      className="flex flex-col gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        void add.run({ ghlLocationIds: chosen });
      }}
    >
      {locations.length === 0 ? (
        <p className="text-sm text-muted-foreground">
          No sub-account of your GoHighLevel agency has the Sidecar app installed yet. Install it from GoHighLevel&apos;s App Marketplace for
          the sub-accounts you want as clinics, then reload this page.
        </p>
      ) : (
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 text-sm font-medium">GoHighLevel sub-accounts</legend>
          {locations.map((location) => (
            <label key={location.id} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                className="size-4"
                disabled={location.isClinic}
                checked={location.isClinic || chosen.includes(location.id)}
                onChange={(e) => setChosen((ids) => (e.target.checked ? [...ids, location.id] : ids.filter((id) => id !== location.id)))}
              />
              <span>
                {location.name} <span className="text-xs text-muted-foreground">{location.isClinic ? "· already a clinic" : `· ${location.timezone}`}</span>
                {location.newlyInstalled && <span className="ml-1 text-xs font-medium text-success">· just installed in GoHighLevel</span>}
              </span>
            </label>
          ))}
        </fieldset>
      )}
      <FormError message={add.fieldError("ghlLocationIds") ?? add.formError} />
      {add.result?.ok && (
        <p role="status" className="text-sm text-success">
          Added {add.result.data.added} clinic{add.result.data.added === 1 ? "" : "s"}. Their first sync starts within 15 minutes.
        </p>
      )}
      {available.length > 0 && (
        <div>
          <Button type="submit" disabled={add.pending || chosen.length === 0}>
            {add.pending ? "Adding…" : `Add ${chosen.length || ""} clinic${chosen.length === 1 ? "" : "s"}`}
          </Button>
        </div>
      )}
    </form>
  );
}

export function SyncNowButton({ slug, locationId, clinicName }: { slug: string; locationId: string; clinicName: string }) {
  const sync = useAction((input: { locationId: string }) => syncNowAction(slug, input));
  const result = sync.result?.ok ? sync.result.data : undefined;
  return (
    <div className="flex flex-col items-end gap-1">
      <Button size="sm" variant="outline" disabled={sync.pending} onClick={() => void sync.run({ locationId })} aria-label={`Sync now: ${clinicName}`}>
        <RefreshCw aria-hidden="true" className={sync.pending ? "animate-spin" : undefined} /> {sync.pending ? "Syncing…" : "Sync now"}
      </Button>
      <p aria-live="polite" className="text-right text-xs text-muted-foreground">
        {sync.formError ??
          (result &&
            (result.status === "failed"
              ? `Failed: ${result.error ?? "see the sync health"}`
              : result.status === "partial"
                ? `${result.contactsUpserted} contacts so far; it continues on the next run.`
                : `${result.contactsUpserted} contacts, ${result.appointmentsUpserted} appointments updated.`))}
      </p>
    </div>
  );
}

export function DisconnectGhl({ slug }: { slug: string }) {
  const disconnect = useAction((input: Record<string, never>) => disconnectGhlAction(slug, input));
  return (
    <div className="flex flex-col gap-2">
      <FormError message={disconnect.formError} />
      <div>
        <ConfirmButton
          title="Disconnect GoHighLevel?"
          description="Sidecar stops syncing and deletes its GoHighLevel tokens. Clinics and the data already synced stay; connect again to resume."
          confirmLabel="Disconnect"
          onConfirm={() => disconnect.run({})}
          pending={disconnect.pending}
          variant="destructive"
          size="default"
        >
          <Unplug aria-hidden="true" /> Disconnect GoHighLevel
        </ConfirmButton>
      </div>
    </div>
  );
}
