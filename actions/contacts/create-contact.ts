"use server";

import "server-only";
import { orgAction } from "@/lib/entry/action";
import { createContact } from "@/lib/contacts/manage";
import { ZCreateContactInput } from "@/lib/contacts/input";

export const createContactAction = orgAction({
  name: "contacts.create",
  permission: "contacts.write",
  input: ZCreateContactInput,
  run: (input, ctx) => createContact(ctx, input),
  audit: ({ locationId }, data) => ({ targetType: "contact", targetId: data.contactId, metadata: { locationId } }),
});
