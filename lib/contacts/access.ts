import "server-only";
import { assertClinicAccess, type OrgContext } from "@/lib/auth/context";
import { NotFoundError } from "@/lib/errors";

/** The contact exists in this agency, is not deleted, and belongs to a clinic the member may see. */
export async function assertContactAccess(ctx: Pick<OrgContext, "clinicIds" | "db">, contactId: string) {
  const contact = await ctx.db.contact.findUnique({ where: { id: contactId }, select: { locationId: true, deletedAt: true } });
  if (!contact || contact.deletedAt) throw new NotFoundError("That contact does not exist.");
  assertClinicAccess(ctx, contact.locationId);
  return contact;
}
