"use server";

import "server-only";
import { orgAction } from "@/lib/entry/action";
import { assertContactAccess } from "@/lib/contacts/access";
import { ZUpdateContactInput } from "@/lib/contacts/input";
import { updateContact } from "@/lib/ghl/writes";

export const updateContactAction = orgAction({
  name: "contacts.update",
  permission: "contacts.write",
  input: ZUpdateContactInput,
  run: async ({ contactId, ...fields }, ctx) => {
    await assertContactAccess(ctx, contactId);
    // An emptied field is sent as null so GHL clears it, rather than left out and kept.
    await updateContact(ctx.db, contactId, {
      firstName: fields.firstName ?? null,
      lastName: fields.lastName ?? null,
      email: fields.email ?? null,
      phone: fields.phone ?? null,
      tags: fields.tags ?? [],
    });
    return { contactId };
  },
  audit: ({ contactId }) => ({ targetType: "contact", targetId: contactId }),
});
