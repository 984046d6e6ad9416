import "server-only";
import { canSeeClinic, type OrgContext } from "@/lib/auth/context";
import { NotFoundError } from "@/lib/errors";
import { GHL_CONTACT_REF } from "@/lib/ghl/writes";

/** What a change to a contact needs, read once: its clinic (for the scope and for GHL) and GHL's id. */
const CONTACT_REF = { id: true, locationId: true, deletedAt: true, ...GHL_CONTACT_REF } as const;

/**
 * The contact, when it exists in this agency, is not deleted, and belongs to a clinic the member
 * may see; otherwise the same 404 for all three, so clinic staff cannot learn another clinic's ids.
 */
export async function requireContact(ctx: Pick<OrgContext, "clinicIds" | "db">, contactId: string) {
  const contact = await ctx.db.contact.findUnique({ where: { id: contactId }, select: CONTACT_REF });
  if (!contact || contact.deletedAt || !canSeeClinic(ctx, contact.locationId)) throw new NotFoundError("That contact does not exist.");
  return contact;
}
