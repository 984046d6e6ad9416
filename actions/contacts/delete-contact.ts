"use server";

import "server-only";
import { orgAction } from "@/lib/entry/action";
import { assertContactAccess } from "@/lib/contacts/access";
import { ZContactRef } from "@/lib/contacts/input";
import { deleteContact } from "@/lib/ghl/writes";

export const deleteContactAction = orgAction({
  name: "contacts.delete",
  permission: "contacts.delete",
  input: ZContactRef,
  run: async ({ contactId }, ctx) => {
    await assertContactAccess(ctx, contactId);
    return deleteContact(ctx.db, contactId);
  },
  audit: ({ contactId }) => ({ targetType: "contact", targetId: contactId }),
});
