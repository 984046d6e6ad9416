"use server";

import "server-only";
import { orgAction } from "@/lib/entry/action";
import { updateContact } from "@/lib/contacts/manage";
import { ZUpdateContactInput } from "@/lib/contacts/input";

export const updateContactAction = orgAction({
  name: "contacts.update",
  permission: "contacts.write",
  input: ZUpdateContactInput,
  run: (input, ctx) => updateContact(ctx, input),
  audit: ({ contactId }) => ({ targetType: "contact", targetId: contactId }),
});
