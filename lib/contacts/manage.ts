import "server-only";
import type { z } from "zod";
import type { OrgContext } from "@/lib/auth/context";
import { requireClinic } from "@/lib/clinic/clinics";
import { requireContact } from "@/lib/contacts/access";
import type { ContactFields, ZContactNoteInput, ZContactRef, ZCreateContactInput, ZUpdateContactInput } from "@/lib/contacts/input";
import { createGhlContact, deleteGhlContact, updateGhlContact } from "@/lib/ghl/writes";

/**
 * Changes to contacts: the member's access and the one read of the contact (or its clinic) here,
 * then the write through the GHL gateway (GHL first, then the local copy).
 */

type Ctx = Pick<OrgContext, "clinicIds" | "db">;

export async function createContact(ctx: Ctx, { locationId, ...fields }: z.output<typeof ZCreateContactInput>) {
  const clinic = await requireClinic(ctx, locationId);
  const contact = await createGhlContact(ctx.db, clinic, fields);
  return { contactId: contact.id };
}

/** An emptied field is sent as null so GHL clears it, rather than left out and kept. */
function clearingEmpty(fields: ContactFields) {
  return {
    firstName: fields.firstName ?? null,
    lastName: fields.lastName ?? null,
    email: fields.email ?? null,
    phone: fields.phone ?? null,
    tags: fields.tags ?? [],
  };
}

export async function updateContact(ctx: Ctx, { contactId, ...fields }: z.output<typeof ZUpdateContactInput>) {
  const contact = await requireContact(ctx, contactId);
  await updateGhlContact(ctx.db, contact, clearingEmpty(fields));
  return { contactId };
}

export async function deleteContact(ctx: Ctx, { contactId }: z.output<typeof ZContactRef>) {
  const contact = await requireContact(ctx, contactId);
  await deleteGhlContact(ctx.db, contact);
  return { contactId };
}

export async function addContactNote(ctx: Ctx & Pick<OrgContext, "organization" | "user">, { contactId, body }: z.output<typeof ZContactNoteInput>) {
  await requireContact(ctx, contactId);
  const note = await ctx.db.contactNote.create({ data: { organizationId: ctx.organization.id, contactId, body, authorUserId: ctx.user.id } });
  return { noteId: note.id };
}
