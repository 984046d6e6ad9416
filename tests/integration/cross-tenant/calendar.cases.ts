import { prisma } from "@/lib/db/client";
import type { CrossTenantFeature, World } from "./types";

const BOOK = "actions/appointments/book-appointment.ts#bookAppointmentAction";
const RESCHEDULE = "actions/appointments/reschedule-appointment.ts#rescheduleAppointmentAction";
const CANCEL = "actions/appointments/cancel-appointment.ts#cancelAppointmentAction";
const SET_STATUS = "actions/appointments/set-appointment-status.ts#setAppointmentStatusAction";

/** Someone who belongs to no agency has no session worth the name here. */
const STRANGER = ["unauthenticated", "not_found"];
const when = { date: "2030-01-15", time: "10:00", durationMinutes: 60 };

/** A GHL calendar and a confirmed appointment in each clinic of the agency. */
export const calendar: CrossTenantFeature = {
  async seed(agency) {
    const organizationId = agency.organization.id;
    const appointmentIds: string[] = [];
    const calendarIds: string[] = [];
    for (const [i, clinic] of agency.clinics.entries()) {
      const ghlCalendarId = `cal-${agency.organization.slug}-${i}`;
      await prisma.calendar.create({ data: { organizationId, locationId: clinic.id, ghlCalendarId, name: `Chairs ${agency.organization.slug}` } });
      const appointment = await prisma.appointment.create({
        data: {
          organizationId,
          locationId: clinic.id,
          externalId: `appt-${agency.organization.slug}-${i}`,
          calendarId: ghlCalendarId,
          contactId: agency.contacts[i]!.id,
          title: `SecretTreatment ${agency.organization.slug}`,
          status: "confirmed",
          startTime: new Date("2030-01-15T16:00:00Z"),
          endTime: new Date("2030-01-15T17:00:00Z"),
          externalUpdatedAt: new Date(),
        },
      });
      calendarIds.push(ghlCalendarId);
      appointmentIds.push(appointment.id);
    }
    return { appointmentIds, calendarIds };
  },
  secrets: (_agency, extra) => [...(extra.appointmentIds as string[]), ...(extra.calendarIds as string[])],
  snapshot: async (organizationId) => ({ calendars: await prisma.calendar.findMany({ where: { organizationId }, orderBy: { id: "asc" } }) }),
  actions: {
    [BOOK]: ({ A, B, extra, action }: World) => {
      const bookB = (slug: string) => () =>
        action(BOOK)(slug, { locationId: B.clinics[0].id, calendarId: (extra.B.calendarIds as string[])[0], contactId: B.contacts[0]!.id, ...when, allowConflict: true });
      return [
        { who: "ownerA", attempt: "book at B's clinic through B", call: bookB(B.organization.slug) },
        { who: "adminA", attempt: "book at B's clinic through A", call: bookB(A.organization.slug) },
        { who: "outsider", attempt: "a stranger books at B's clinic", call: bookB(B.organization.slug), refusals: STRANGER },
        {
          who: "adminA",
          attempt: "book B's patient at A's clinic",
          call: () => action(BOOK)(A.organization.slug, { locationId: A.clinics[0].id, calendarId: (extra.A.calendarIds as string[])[0], contactId: B.contacts[0]!.id, ...when }),
          refusals: ["invalid_input"],
        },
        {
          who: "staffA",
          attempt: "clinic staff book",
          call: () => action(BOOK)(A.organization.slug, { locationId: A.clinics[0].id, calendarId: (extra.A.calendarIds as string[])[0], contactId: A.contacts[0]!.id, ...when }),
          refusals: ["forbidden"],
        },
      ];
    },
    [RESCHEDULE]: ({ A, B, extra, action }: World) => {
      const theirs = (extra.B.appointmentIds as string[])[0];
      return [
        { who: "ownerA", attempt: "move B's appointment through B", call: () => action(RESCHEDULE)(B.organization.slug, { appointmentId: theirs, ...when, allowConflict: true }) },
        { who: "adminA", attempt: "move B's appointment through A", call: () => action(RESCHEDULE)(A.organization.slug, { appointmentId: theirs, ...when, allowConflict: true }) },
        { who: "staffA", attempt: "clinic staff move an appointment", call: () => action(RESCHEDULE)(A.organization.slug, { appointmentId: theirs, ...when }), refusals: ["forbidden"] },
      ];
    },
    [CANCEL]: ({ A, B, extra, action }: World) => {
      const theirs = (extra.B.appointmentIds as string[])[0];
      return [
        { who: "ownerA", attempt: "cancel B's appointment through B", call: () => action(CANCEL)(B.organization.slug, { appointmentId: theirs }) },
        { who: "adminA", attempt: "cancel B's appointment through A", call: () => action(CANCEL)(A.organization.slug, { appointmentId: theirs }) },
        { who: "outsider", attempt: "a stranger cancels", call: () => action(CANCEL)(B.organization.slug, { appointmentId: theirs }), refusals: STRANGER },
        { who: "staffA", attempt: "clinic staff cancel", call: () => action(CANCEL)(A.organization.slug, { appointmentId: theirs }), refusals: ["forbidden"] },
      ];
    },
    [SET_STATUS]: ({ A, B, extra, action }: World) => {
      const theirs = (extra.B.appointmentIds as string[])[0];
      // A's own second clinic, which A's clinic staff member is not assigned to.
      const otherClinic = (extra.A.appointmentIds as string[])[1];
      return [
        { who: "ownerA", attempt: "check in B's patient through B", call: () => action(SET_STATUS)(B.organization.slug, { appointmentId: theirs, status: "showed" }) },
        { who: "adminA", attempt: "check in B's patient through A", call: () => action(SET_STATUS)(A.organization.slug, { appointmentId: theirs, status: "showed" }) },
        { who: "staffA", attempt: "clinic staff mark B's patient no-show", call: () => action(SET_STATUS)(A.organization.slug, { appointmentId: theirs, status: "noshow" }) },
        { who: "staffA", attempt: "clinic staff check in at a clinic not theirs", call: () => action(SET_STATUS)(A.organization.slug, { appointmentId: otherClinic, status: "showed" }) },
        { who: "outsider", attempt: "a stranger checks in", call: () => action(SET_STATUS)(B.organization.slug, { appointmentId: theirs, status: "showed" }), refusals: STRANGER },
      ];
    },
  },
};
