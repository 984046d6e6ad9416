import "server-only";
import type { OrgDb } from "@/lib/db";

/** The patient picked on the booking page, when it is a live contact of the chosen clinic. */
export function findBookingPatient(db: OrgDb, clinicId: string, contactId: string) {
  return db.contact.findFirst({
    where: { id: contactId, locationId: clinicId, deletedAt: null },
    select: { id: true, firstName: true, lastName: true, phone: true, email: true },
  });
}
