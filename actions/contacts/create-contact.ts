"use server";

import "server-only";
import { orgAction } from "@/lib/entry/action";
import { assertClinicAccess } from "@/lib/auth/context";
import { ZCreateContactInput } from "@/lib/contacts/input";
import { createContact } from "@/lib/ghl/writes";

export const createContactAction = orgAction({
  name: "contacts.create",
  permission: "contacts.write",
  input: ZCreateContactInput,
  run: async ({ locationId, ...fields }, ctx) => {
    assertClinicAccess(ctx, locationId);
    const contact = await createContact(ctx.db, locationId, fields);
    return { contactId: contact.id };
  },
  audit: ({ locationId }, data) => ({ targetType: "contact", targetId: data.contactId, metadata: { locationId } }),
});
