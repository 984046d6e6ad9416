import { CalendarX } from "lucide-react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { ClinicChoice } from "@/lib/clinic/clinics";
import type { PeriodAppointment } from "@/lib/calendar/queries";
import { zoneAbbreviation } from "@/lib/time/zoned";
import { AppointmentLink } from "@/components/calendar/appointment-link";

/** One day, a column per clinic (stacked on a phone), each in its own time zone. */
export function DayView({ slug, date, clinics, appointments }: { slug: string; date: string; clinics: ClinicChoice[]; appointments: PeriodAppointment[] }) {
  return (
    <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
      {clinics.map((clinic) => {
        const own = appointments.filter((a) => a.locationId === clinic.id);
        return (
          <Card key={clinic.id}>
            <CardHeader>
              <CardTitle>
                <h2>{clinic.name}</h2>
              </CardTitle>
              <CardDescription>
                Times in {clinic.timezone.replaceAll("_", " ")} ({zoneAbbreviation(clinic.timezone, new Date(`${date}T12:00:00Z`))})
              </CardDescription>
            </CardHeader>
            <CardContent>
              {own.length === 0 ? (
                <p className="flex items-center gap-2 py-6 text-sm text-muted-foreground">
                  <CalendarX aria-hidden="true" className="size-4" /> No appointments this day.
                </p>
              ) : (
                <ol className="flex flex-col gap-2" aria-label={`Appointments at ${clinic.name}`}>
                  {own.map((appointment) => (
                    <li key={appointment.id}>
                      <AppointmentLink slug={slug} appointment={appointment} />
                    </li>
                  ))}
                </ol>
              )}
            </CardContent>
          </Card>
        );
      })}
    </div>
  );
}
