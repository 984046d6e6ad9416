"use server";

import "server-only";
import { orgAction } from "@/lib/entry/action";
import { addContactNote } from "@/lib/contacts/manage";
import { ZContactNoteInput } from "@/lib/contacts/input";

export const addContactNoteAction = orgAction({
  name: "contacts.add-note",
  permission: "contacts.write",
  input: ZContactNoteInput,
  run: (input, ctx) => addContactNote(ctx, input),
  audit: ({ contactId }, data) => ({ targetType: "contact", targetId: contactId, metadata: { noteId: data.noteId } }),
});
