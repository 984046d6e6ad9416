"use server";

import "server-only";
import { orgAction } from "@/lib/entry/action";
import { deleteContact } from "@/lib/contacts/manage";
import { ZContactRef } from "@/lib/contacts/input";

export const deleteContactAction = orgAction({
  name: "contacts.delete",
  permission: "contacts.delete",
  input: ZContactRef,
  run: (input, ctx) => deleteContact(ctx, input),
  audit: ({ contactId }) => ({ targetType: "contact", targetId: contactId }),
});
