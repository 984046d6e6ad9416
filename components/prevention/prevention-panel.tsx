import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PolicyForm } from "@/components/prevention/policy-form";
import { RemoveEntryButton, UndoBookingButton, WithdrawOfferButton } from "@/components/prevention/waitlist-buttons";
import { WaitlistForm } from "@/components/prevention/waitlist-form";
import { DAY_NAMES } from "@/lib/prevention/waitlist";
import type { PreventionPageData } from "@/lib/prevention/page-data";
import { formatInZone, zonedDateKey } from "@/lib/time/zoned";

const STATUS_TEXT: Record<string, string> = {
  sent: "Sent",
  failed: "Not sent",
  skipped: "Not sent",
  received: "Received",
  confirmed: "Confirmed",
  accepted: "Said yes",
  declined: "Said no",
  ignored: "No action",
  unknown_contact: "Unknown number",
  booked: "Booked",
  expired: "No answer",
  cancelled: "Withdrawn",
  offering: "Offering",
  exhausted: "Closed",
  active: "Waiting",
};

const KIND_TEXT: Record<string, string> = { confirmation: "Confirmation", waitlist_offer: "Waitlist offer", reply: "Reply" };

/** The prevention page for one clinic: policy (agency only), waitlist, freed slots and their offers, and every message. */
export function PreventionPanel({
  slug,
  clinic,
  data,
  showPolicy,
  canEditPolicy,
  now,
}: {
  slug: string;
  clinic: { id: string; name: string; timezone: string };
  data: PreventionPageData;
  showPolicy: boolean;
  canEditPolicy: boolean;
  now: Date;
}) {
  const when = (d: Date) => formatInZone(d, clinic.timezone, { weekday: "short", month: "short", day: "numeric", hour: "numeric", minute: "2-digit" });
  return (
    <div className="flex flex-col gap-6">
      {showPolicy && <PolicyForm key={clinic.id} slug={slug} locationId={clinic.id} timezone={clinic.timezone} initial={data.policy} canEdit={canEditPolicy} />}

      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Waitlist</h2>
          </CardTitle>
          <CardDescription>When an appointment is cancelled or marked no-show, the slot is offered by text to matching people here, one at a time, at most three per slot. The first yes is booked in GoHighLevel.</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-6">
          <WaitlistForm key={clinic.id} slug={slug} locationId={clinic.id} contacts={data.contacts} calendars={data.calendars} today={zonedDateKey(now, clinic.timezone)} />
          {data.entries.length === 0 ? (
            <p className="text-sm text-muted-foreground">Nobody is on the waitlist yet.</p>
          ) : (
            <ul aria-label="Waitlist entries" className="flex flex-col divide-y rounded-md border">
              {data.entries.map((e) => (
                <li key={e.id} className="flex flex-col gap-2 p-3 sm:flex-row sm:items-center sm:justify-between">
                  <div className="min-w-0">
                    <p className="font-medium break-words">
                      {e.contact} <Badge variant="secondary">{STATUS_TEXT[e.status] ?? e.status}</Badge>
                    </p>
                    <p className="text-sm text-muted-foreground break-words">
                      {e.calendar} · {e.days.length ? e.days.map((d) => DAY_NAMES[d]).join(", ") : "any day"} · {e.from}–{e.to} · until {e.expiresOn}
                      {e.note ? ` · ${e.note}` : ""}
                    </p>
                  </div>
                  {e.status === "active" && <RemoveEntryButton slug={slug} entryId={e.id} name={e.contact} />}
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Freed slots</h2>
          </CardTitle>
          <CardDescription>Cancelled and no-show slots still ahead, on a calendar someone is waiting for, and who was offered each.</CardDescription>
        </CardHeader>
        <CardContent>
          {data.openings.length === 0 ? (
            <p className="text-sm text-muted-foreground">No freed slots yet.</p>
          ) : (
            <ul aria-label="Freed slots" className="flex flex-col gap-4">
              {data.openings.map((o) => (
                <li key={o.id} className="rounded-md border p-3">
                  <p className="font-medium">
                    {when(o.startTime)} · {o.calendar} <Badge variant="secondary">{STATUS_TEXT[o.status] ?? o.status}</Badge>
                  </p>
                  {o.offers.length === 0 ? (
                    <p className="text-sm text-muted-foreground">Nobody on the waitlist matches yet.</p>
                  ) : (
                    <ol className="mt-2 flex flex-col gap-2">
                      {o.offers.map((x) => (
                        <li key={x.id} className="flex flex-col gap-1 text-sm sm:flex-row sm:items-center sm:justify-between">
                          <span className="break-words">
                            {x.contact}: {STATUS_TEXT[x.status] ?? x.status}, texted {when(x.sentAt)}
                            {x.status === "sent" ? `, answer by ${when(x.expiresAt)}` : ""}
                            {x.detail ? ` (${x.detail})` : ""}
                          </span>
                          {x.status === "sent" && <WithdrawOfferButton slug={slug} offerId={x.id} name={x.contact} />}
                          {x.status === "booked" && <UndoBookingButton slug={slug} offerId={x.id} name={x.contact} />}
                        </li>
                      ))}
                    </ol>
                  )}
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Messages</h2>
          </CardTitle>
          <CardDescription>Every text Sidecar sent or received for {clinic.name}, and every one it chose not to send, newest first.</CardDescription>
        </CardHeader>
        <CardContent>
          {data.messages.length === 0 ? (
            <p className="text-sm text-muted-foreground">No messages yet.</p>
          ) : (
            <ul aria-label="Messages" className="flex flex-col divide-y rounded-md border">
              {data.messages.map((m) => (
                <li key={m.id} className="flex flex-col gap-1 p-3 text-sm">
                  <p className="flex flex-wrap items-center gap-x-2 gap-y-1">
                    <span className="font-medium">
                      {m.direction === "inbound" ? "In" : "Out"} · {KIND_TEXT[m.kind] ?? m.kind}
                    </span>
                    <span className="text-muted-foreground">
                      {m.contact} · {when(m.at)}
                    </span>
                    <Badge variant="secondary">{STATUS_TEXT[m.status] ?? m.status}</Badge>
                  </p>
                  <p className="break-words text-muted-foreground">&ldquo;{m.body}&rdquo;</p>
                  {m.detail && <p className="break-words">{m.detail}</p>}
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
