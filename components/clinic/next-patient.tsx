"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { PackageOpen, UserCheck } from "lucide-react";
import { setAppointmentStatusAction } from "@/actions/appointments/set-appointment-status";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { AppointmentStatusBadge } from "@/components/shared/appointment-status-badge";
import { UNREACHABLE } from "@/components/shared/use-action";

export interface NextPatient {
  id: string;
  time: string;
  patient: string;
  title: string | null;
  status: string;
  canCheckInNow: boolean;
  checkInOpensAt: string;
  suppliesHref: string;
  /** Paperwork the visit still needs (a GFE, a consent); the schedule below offers the upload. */
  paperwork?: string[];
}

/**
 * The next patient, pinned above today's list: check them in and log the visit's supplies
 * side by side, the two things the desk does when someone walks in.
 */
export function NextPatientCard({ slug, next, canCheckIn, canLogSupplies }: { slug: string; next: NextPatient; canCheckIn: boolean; canLogSupplies: boolean }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string>();
  const checkIn = () =>
    startTransition(async () => {
      setError(undefined);
      try {
        const result = await setAppointmentStatusAction(slug, { appointmentId: next.id, status: "showed" });
        if (!result.ok) setError(result.error);
        else router.refresh();
      } catch {
        setError(UNREACHABLE);
      }
    });

  return (
    <section aria-labelledby="next-patient-heading">
      <Card className="border-primary">
        <CardContent className="flex flex-col gap-3 p-4">
          <div className="flex items-start justify-between gap-3">
            <div className="min-w-0">
              <h2 id="next-patient-heading" className="text-sm font-medium text-muted-foreground">
                Next patient
              </h2>
              <p className="text-lg font-semibold tabular-nums">{next.time}</p>
              <p className="text-lg font-medium break-words">{next.patient}</p>
              {next.title && <p className="text-sm break-words text-muted-foreground">{next.title}</p>}
            </div>
            <AppointmentStatusBadge status={next.status} />
          </div>
          {next.paperwork && next.paperwork.length > 0 && (
            <p className="rounded-md border border-amber-500/50 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:bg-amber-950/30 dark:text-amber-100">
              Before check-in: {next.paperwork.join(", ")}. <a href={`#visit-${next.id}`} className="underline underline-offset-2">Upload below</a>
            </p>
          )}
          <div className="grid grid-cols-2 gap-2">
            {canCheckIn &&
              (next.canCheckInNow ? (
                <Button size="lg" className="h-auto min-h-10 whitespace-normal py-2" onClick={checkIn} disabled={pending} aria-label={`Check in ${next.patient}, next patient`}>
                  <UserCheck aria-hidden="true" /> {pending ? "Checking in…" : "Check in"}
                </Button>
              ) : (
                <p className="flex items-center rounded-md bg-muted px-3 py-2 text-sm text-muted-foreground">Check-in opens at {next.checkInOpensAt}</p>
              ))}
            {canLogSupplies && (
              <Button size="lg" variant="outline" className="h-auto min-h-10 whitespace-normal py-2 text-center" asChild>
                <Link href={next.suppliesHref}>
                  <PackageOpen aria-hidden="true" /> Log supplies for this visit
                </Link>
              </Button>
            )}
          </div>
          {error && (
            <p role="alert" className="rounded-md border border-destructive/40 bg-destructive/5 px-3 py-2 text-sm text-destructive">
              {error}
            </p>
          )}
        </CardContent>
      </Card>
    </section>
  );
}
