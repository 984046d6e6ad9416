"use server";

import "server-only";
import { orgAction } from "@/lib/entry/action";
import { assertContactAccess } from "@/lib/contacts/access";
import { ZContactNoteInput } from "@/lib/contacts/input";

export const addContactNoteAction = orgAction({
  name: "contacts.add-note",
  permission: "contacts.write",
  input: ZContactNoteInput,
  run: async ({ contactId, body }, ctx) => {
    await assertContactAccess(ctx, contactId);
    const note = await ctx.db.contactNote.create({ data: { organizationId: ctx.organization.id, contactId, body, authorUserId: ctx.user.id } });
    return { noteId: note.id };
  },
  audit: ({ contactId }, data) => ({ targetType: "contact", targetId: contactId, metadata: { noteId: data.noteId } }),
});
