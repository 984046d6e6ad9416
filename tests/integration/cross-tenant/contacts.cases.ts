import { prisma } from "@/lib/db/client";
import type { CrossTenantFeature } from "./types";

const CREATE = "actions/contacts/create-contact.ts#createContactAction";
const UPDATE = "actions/contacts/update-contact.ts#updateContactAction";
const DELETE = "actions/contacts/delete-contact.ts#deleteContactAction";
const NOTE = "actions/contacts/add-contact-note.ts#addContactNoteAction";
const EXPORT = "app/agency/[slug]/admin/contacts/export/route.ts";

/** B's contacts carry a note, so reading or adding notes across agencies would show. */
export const contacts: CrossTenantFeature = {
  async seed(agency) {
    const note = await prisma.contactNote.create({
      data: { organizationId: agency.organization.id, contactId: agency.contacts[0]!.id, body: `Private note ${agency.organization.slug}` },
    });
    return { contactNoteBody: note.body };
  },
  secrets: (_agency, extra) => [String(extra.contactNoteBody)],
  snapshot: (organizationId) => prisma.contactNote.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
  actions: {
    [CREATE]: ({ A, B, action }) => [
      { who: "ownerA", attempt: "create a contact in B", call: () => action(CREATE)(B.organization.slug, { locationId: B.clinics[0].id, firstName: "X" }) },
      { who: "ownerA", attempt: "create in B's clinic through A", call: () => action(CREATE)(A.organization.slug, { locationId: B.clinics[0].id, firstName: "X" }) },
      { who: "staffA", attempt: "clinic staff creates in a clinic not theirs", call: () => action(CREATE)(A.organization.slug, { locationId: A.clinics[1].id, firstName: "X" }) },
    ],
    [UPDATE]: ({ A, B, action }) => [
      { who: "ownerA", attempt: "edit B's contact through B", call: () => action(UPDATE)(B.organization.slug, { contactId: B.contacts[0]!.id, firstName: "X" }) },
      { who: "ownerA", attempt: "edit B's contact through A", call: () => action(UPDATE)(A.organization.slug, { contactId: B.contacts[0]!.id, firstName: "X" }) },
      { who: "staffA", attempt: "clinic staff edits another clinic's contact", call: () => action(UPDATE)(A.organization.slug, { contactId: A.contacts[1]!.id, firstName: "X" }) },
    ],
    [DELETE]: ({ A, B, action }) => [
      { who: "adminA", attempt: "delete B's contact through A", call: () => action(DELETE)(A.organization.slug, { contactId: B.contacts[0]!.id }) },
      { who: "ownerA", attempt: "delete B's contact through B", call: () => action(DELETE)(B.organization.slug, { contactId: B.contacts[1]!.id }) },
      { who: "staffA", attempt: "clinic staff deletes a contact", call: () => action(DELETE)(A.organization.slug, { contactId: A.contacts[0]!.id }), refusals: ["forbidden"] },
    ],
    [NOTE]: ({ A, B, action }) => [
      { who: "ownerA", attempt: "note on B's contact through A", call: () => action(NOTE)(A.organization.slug, { contactId: B.contacts[0]!.id, body: "hi" }) },
      { who: "adminA", attempt: "note on B's contact through B", call: () => action(NOTE)(B.organization.slug, { contactId: B.contacts[0]!.id, body: "hi" }) },
      { who: "staffA", attempt: "clinic staff notes another clinic's contact", call: () => action(NOTE)(A.organization.slug, { contactId: A.contacts[1]!.id, body: "hi" }) },
    ],
  },
  routes: {
    [EXPORT]: ({ A, B, sessions }) => [
      {
        who: "ownerA",
        attempt: "export B's contacts",
        request: () => new Request(`http://localhost:3000/agency/${B.organization.slug}/admin/contacts/export`, { headers: sessions.ownerA }),
        params: { slug: B.organization.slug },
        statuses: [404],
      },
      {
        who: "ownerA",
        attempt: "export A's contacts filtered to B's clinic",
        request: () => new Request(`http://localhost:3000/agency/${A.organization.slug}/admin/contacts/export?clinic=${B.clinics[0].id}`, { headers: sessions.ownerA }),
        params: { slug: A.organization.slug },
        statuses: [200],
      },
      {
        who: "staffA",
        attempt: "clinic staff exports everything",
        request: () => new Request(`http://localhost:3000/agency/${A.organization.slug}/admin/contacts/export`, { headers: sessions.staffA }),
        params: { slug: A.organization.slug },
        statuses: [200],
      },
      {
        who: "outsider",
        attempt: "export without membership",
        request: () => new Request(`http://localhost:3000/agency/${A.organization.slug}/admin/contacts/export`, { headers: sessions.outsider }),
        params: { slug: A.organization.slug },
        statuses: [401, 404],
      },
    ],
  },
};
