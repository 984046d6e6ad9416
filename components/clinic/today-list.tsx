"use client";

import { useOptimistic, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { CalendarX, Phone, Undo2, UserCheck, UserX } from "lucide-react";
import { setAppointmentStatusAction } from "@/actions/appointments/set-appointment-status";
import type { ActionResult } from "@/lib/entry/action";
import type { DeskStatus } from "@/lib/calendar/schemas";
import type { AppointmentChoices } from "@/lib/calendar/choices";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { AppointmentStatusBadge } from "@/components/shared/appointment-status-badge";
import { RiskBadge } from "@/components/noshow/risk-badge";
import type { RiskBand } from "@/lib/noshow/risk";
import { VisitWarnings } from "@/components/oversight/visit-warnings";
import type { VisitWarning } from "@/lib/oversight/checks";
import { UNREACHABLE } from "@/components/shared/use-action";

export interface TodayItem {
  id: string;
  time: string;
  endTime: string;
  patient: string;
  phone: string | null;
  /** The phone as people write it. */
  phoneDisplay?: string | null;
  title: string | null;
  status: string;
  /** What the desk may do now (lib/calendar/choices.ts); the action refuses the rest. */
  choices: AppointmentChoices;
  /** When check-in opens, in the clinic's time, for a visit that is still too far off. */
  checkInOpensAt: string;
  /** The stored no-show risk of a visit that has not started, with its top reasons in one line. */
  risk: { band: RiskBand; score: number; reason: string } | null;
  contactId: string | null;
  /** Paperwork the visit still needs (GFE, consent), from the clinic's oversight rules. */
  warnings: VisitWarning[];
}

export interface Paperwork {
  locationId: string;
  today: string;
  canUpload: boolean;
  contactsBase: string;
}

/** The last change of a row, so it can be undone with one tap. */
interface LastChange {
  id: string;
  status: DeskStatus;
  previous: DeskStatus;
}

const DESK = new Set<string>(["new", "confirmed", "showed", "noshow"]);

/**
 * Today's schedule with one-tap check-in and no-show. The new status shows at once
 * (optimistic) while GHL is asked; if GHL refuses, the row goes back and says why. Every change
 * can be undone from the row, so a wrong tap on "No-show" costs one more tap, not a phone call.
 */
export function TodayList({ slug, items, canCheckIn, paperwork }: { slug: string; items: TodayItem[]; canCheckIn: boolean; paperwork?: Paperwork }) {
  const router = useRouter();
  const [, startTransition] = useTransition();
  const [optimistic, setOptimistic] = useOptimistic(items, (rows: TodayItem[], change: { id: string; status: string }) =>
    rows.map((row) => (row.id === change.id ? { ...row, status: change.status } : row)),
  );
  const [pending, setPending] = useState<Set<string>>(new Set());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [last, setLast] = useState<LastChange | null>(null);
  const [announcement, setAnnouncement] = useState("");

  const change = (item: TodayItem, status: DeskStatus, isUndo = false) => {
    const previous = item.status as DeskStatus;
    setErrors(({ [item.id]: _, ...rest }) => rest);
    setPending((set) => new Set(set).add(item.id));
    startTransition(async () => {
      setOptimistic({ id: item.id, status });
      let result: ActionResult<{ status: string }>;
      try {
        result = await setAppointmentStatusAction(slug, { appointmentId: item.id, status });
      } catch {
        result = { ok: false, code: "network", error: UNREACHABLE };
      }
      setPending((set) => {
        const next = new Set(set);
        next.delete(item.id);
        return next;
      });
      if (!result.ok) {
        setErrors((all) => ({ ...all, [item.id]: result.error }));
        setAnnouncement(`${item.patient}: ${result.error}`);
        return;
      }
      setLast(isUndo ? null : { id: item.id, status, previous });
      setAnnouncement(isUndo ? `Undone: ${item.patient} is back to ${previous === "noshow" ? "no-show" : "waiting"}.` : `${item.patient} ${status === "showed" ? "checked in" : "marked as no-show"}.`);
      router.refresh();
    });
  };

  if (optimistic.length === 0) {
    return (
      <Card>
        <CardContent className="flex flex-col items-center gap-2 py-12 text-center text-muted-foreground">
          <CalendarX aria-hidden="true" className="size-8" />
          No appointments today.
        </CardContent>
      </Card>
    );
  }

  return (
    <>
      <p role="status" aria-live="polite" className="sr-only">
        {announcement}
      </p>
      <ol className="flex flex-col gap-3" aria-label="Today's appointments">
        {optimistic.map((item) => {
          const isPending = pending.has(item.id);
          const isWaiting = item.status === "new" || item.status === "confirmed";
          const canUndo = last?.id === item.id && item.status === last.status && DESK.has(last.previous);
          return (
            <li key={item.id} id={`visit-${item.id}`}>
              <Card aria-busy={isPending || undefined}>
                <CardContent className="flex flex-col gap-3 p-4">
                  <div className="flex items-start justify-between gap-3">
                    <div className="min-w-0">
                      <p className="text-lg font-semibold tabular-nums">
                        {item.time} <span className="text-sm font-normal text-muted-foreground">– {item.endTime}</span>
                      </p>
                      <p className="truncate text-lg font-medium">{item.patient}</p>
                      {item.title && <p className="truncate text-sm text-muted-foreground">{item.title}</p>}
                    </div>
                    <AppointmentStatusBadge status={item.status} />
                  </div>
                  {isWaiting && item.risk && item.risk.band !== "low" && (
                    <div className="flex flex-col gap-1 text-sm">
                      <RiskBadge band={item.risk.band} score={item.risk.score} className="self-start" />
                      {item.risk.reason && <p className="text-muted-foreground">{item.risk.reason}</p>}
                      {item.status === "new" && (
                        <p className="flex flex-wrap items-center gap-1 font-medium">
                          <Phone aria-hidden="true" className="size-4" />
                          Call to confirm
                          {item.phone && (
                            <a className="underline" href={`tel:${item.phone}`}>
                              <span className="sr-only">Call {item.patient} at </span>
                              {item.phoneDisplay ?? item.phone}
                            </a>
                          )}
                        </p>
                      )}
                    </div>
                  )}
                  {paperwork && item.warnings.length > 0 && (
                    <VisitWarnings
                      slug={slug}
                      locationId={paperwork.locationId}
                      contactId={item.contactId}
                      patient={item.patient}
                      warnings={item.warnings}
                      today={paperwork.today}
                      canUpload={paperwork.canUpload}
                    />
                  )}
                  {canCheckIn && isWaiting && (item.choices.checkIn || item.choices.noShow) && (
                    <div className="grid grid-cols-2 gap-2">
                      {item.choices.checkIn && (
                        <Button size="lg" onClick={() => change(item, "showed")} disabled={isPending} aria-label={`Check in ${item.patient}`}>
                          <UserCheck aria-hidden="true" /> Check in
                        </Button>
                      )}
                      {item.choices.noShow && (
                        <Button size="lg" variant="outline" onClick={() => change(item, "noshow")} disabled={isPending} aria-label={`Mark ${item.patient} as no-show`}>
                          <UserX aria-hidden="true" /> No-show
                        </Button>
                      )}
                    </div>
                  )}
                  {canCheckIn && isWaiting && !item.choices.checkIn && !item.choices.noShow && (
                    <p className="text-sm text-muted-foreground">Check-in opens at {item.checkInOpensAt}.</p>
                  )}
                  {isPending && <p className="text-sm text-muted-foreground">Saving in GoHighLevel…</p>}
                  {!isPending && canUndo && (
                    <div className="flex items-center justify-between gap-2 rounded-md bg-muted px-3 py-2 text-sm">
                      <span>{last.status === "showed" ? "Checked in." : "Marked as no-show."}</span>
                      <Button size="sm" variant="outline" onClick={() => change(item, last.previous, true)} aria-label={`Undo for ${item.patient}`}>
                        <Undo2 aria-hidden="true" /> Undo
                      </Button>
                    </div>
                  )}
                  {errors[item.id] && (
                    <p role="alert" className="rounded-md border border-destructive/40 bg-destructive/5 px-3 py-2 text-sm text-destructive">
                      {errors[item.id]}
                    </p>
                  )}
                </CardContent>
              </Card>
            </li>
          );
        })}
      </ol>
    </>
  );
}
