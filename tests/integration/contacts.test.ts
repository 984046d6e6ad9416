import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { GhlSandbox } from "../sandboxes/ghl";
import { prisma, resetDatabase } from "../support/db";
import { actAs, signInAs } from "../support/auth";
import { seedAgency, type SeededAgency } from "../support/tenants";
import { connectAgency, resetGhlTransport, startSuiteSandbox } from "../support/ghl";
import { createContactAction } from "@/actions/contacts/create-contact";
import { updateContactAction } from "@/actions/contacts/update-contact";
import { deleteContactAction } from "@/actions/contacts/delete-contact";
import { addContactNoteAction } from "@/actions/contacts/add-contact-note";
import { GET as exportContacts } from "@/app/agency/[slug]/admin/contacts/export/route";
import { forOrg } from "@/lib/db";
import { ZContactFilter } from "@/lib/contacts/filters";
import { findContactMatches, listContacts } from "@/lib/contacts/list";
import { searchCandidateIds } from "@/lib/contacts/search";
import { getContactDetail } from "@/lib/contacts/detail";

vi.mock("@/lib/auth/request", () => ({ requestHeaders: vi.fn() }));

let ghl: GhlSandbox;
let agency: SeededAgency;
let slug: string;
let owner: Headers;
let staff: Headers;

beforeAll(async () => {
  ghl = await startSuiteSandbox();
});
afterAll(() => ghl.stop());

beforeEach(async () => {
  await resetDatabase();
  resetGhlTransport();
  agency = await seedAgency("c");
  slug = agency.organization.slug;
  for (const clinic of agency.clinics) ghl.seedLocation({ id: clinic.ghlLocationId, name: clinic.name, timezone: clinic.timezone, allowDuplicateContact: false });
  await connectAgency(ghl, agency.organization.id);
  owner = await signInAs(agency.owner.user.email);
  staff = await signInAs(agency.staff.user.email);
  actAs(owner);
});

const list = (filter: Record<string, string>, clinicIds: string[] | null = null) =>
  listContacts({ clinicIds, db: forOrg(agency.organization.id) }, ZContactFilter.parse(filter));

describe("contact actions", () => {
  it("creates a contact in GHL and locally, with the phone in E.164 and tags cleaned", async () => {
    const result = await createContactAction(slug, { locationId: agency.clinics[0].id, firstName: " Nia ", lastName: "Okafor", phone: "(512) 555-0199", email: "NIA@example.com", tags: "VIP, vip , hydration" });
    expect(result).toMatchObject({ ok: true });
    const contactId = result.ok ? result.data.contactId : "";
    const stored = await prisma.contact.findUniqueOrThrow({ where: { id: contactId } });
    expect(stored).toMatchObject({ firstName: "Nia", phone: "+15125550199", email: "nia@example.com", tags: ["vip", "hydration"] });
    expect(ghl.store.getContact(stored.ghlContactId)).toMatchObject({ firstName: "Nia", phone: "+15125550199" });
  });

  it("answers bad input field by field and sends nothing to GHL", async () => {
    const before = ghl.requests.count();
    const result = await createContactAction(slug, { locationId: agency.clinics[0].id, phone: "12", email: "not-an-email" });
    expect(result).toMatchObject({ ok: false, code: "invalid_input" });
    if (result.ok) return;
    expect(result.fieldErrors?.phone?.[0]).toMatch(/valid phone/);
    expect(result.fieldErrors?.email?.[0]).toMatch(/valid email/);
    const empty = await createContactAction(slug, { locationId: agency.clinics[0].id });
    expect(!empty.ok && empty.fieldErrors?.firstName?.[0]).toMatch(/at least a name/);
    expect(ghl.requests.count()).toBe(before);
  });

  it("leaves local data unchanged and says why when GHL refuses or fails", async () => {
    const created = await createContactAction(slug, { locationId: agency.clinics[0].id, firstName: "Ana", email: "ana@example.com" });
    const contactId = created.ok ? created.data.contactId : "";
    const before = await prisma.contact.findMany({ orderBy: { id: "asc" } });
    const duplicate = await createContactAction(slug, { locationId: agency.clinics[0].id, firstName: "Other Ana", email: "ana@example.com" });
    expect(duplicate).toMatchObject({ ok: false, code: "ghl_refused", error: expect.stringContaining("GoHighLevel refused the change") });
    ghl.faults.failNext(10, { status: 503 });
    const failed = await updateContactAction(slug, { contactId, firstName: "Changed" });
    ghl.faults.clear();
    expect(failed).toMatchObject({ ok: false, code: "ghl_unavailable", error: expect.stringContaining("Nothing was changed") });
    expect(await prisma.contact.findMany({ orderBy: { id: "asc" } })).toEqual(before);
  });

  it("edits, clearing a field that was emptied, then deletes after GHL does", async () => {
    const created = await createContactAction(slug, { locationId: agency.clinics[0].id, firstName: "Leo", email: "leo@example.com", phone: "+44 20 7946 0958" });
    const contactId = created.ok ? created.data.contactId : "";
    expect(await updateContactAction(slug, { contactId, firstName: "Leon", email: "", phone: "+442079460958" })).toMatchObject({ ok: true });
    const edited = await prisma.contact.findUniqueOrThrow({ where: { id: contactId } });
    expect(edited).toMatchObject({ firstName: "Leon", email: null, phone: "+442079460958" });

    actAs(staff);
    expect(await deleteContactAction(slug, { contactId })).toMatchObject({ ok: false, code: "forbidden" });
    actAs(owner);
    expect(await deleteContactAction(slug, { contactId })).toMatchObject({ ok: true });
    expect(ghl.store.getContact(edited.ghlContactId)).toBeUndefined();
    expect((await prisma.contact.findUniqueOrThrow({ where: { id: contactId } })).deletedAt).not.toBeNull();
  });

  it("keeps notes on a contact, refusing an empty one", async () => {
    const contactId = agency.contacts[0]!.id;
    expect(await addContactNoteAction(slug, { contactId, body: "  " })).toMatchObject({ ok: false, fieldErrors: { body: ["Write something first"] } });
    expect(await addContactNoteAction(slug, { contactId, body: "Prefers mornings" })).toMatchObject({ ok: true });
    expect(await prisma.contactNote.findMany({ where: { contactId } })).toMatchObject([{ body: "Prefers mornings", authorUserId: agency.owner.user.id }]);
    const detail = await getContactDetail({ clinicIds: null, db: forOrg(agency.organization.id) }, contactId);
    expect(detail?.notes).toMatchObject([{ body: "Prefers mornings", authorName: agency.owner.user.name }]);
    // An author who has left the agency keeps their name on the note; one whose account is gone has none.
    await prisma.member.deleteMany({ where: { organizationId: agency.organization.id, userId: agency.owner.user.id } });
    expect((await getContactDetail({ clinicIds: null, db: forOrg(agency.organization.id) }, contactId))?.notes).toMatchObject([{ authorName: agency.owner.user.name }]);
    await prisma.contactNote.updateMany({ where: { contactId }, data: { authorUserId: "deleted-user" } });
    expect((await getContactDetail({ clinicIds: null, db: forOrg(agency.organization.id) }, contactId))?.notes).toMatchObject([{ authorName: null }]);
  });
});

describe("contact list", () => {
  beforeEach(async () => {
    await prisma.contact.deleteMany({});
    const now = new Date();
    await prisma.contact.createMany({
      data: [
        { firstName: "Grace", lastName: "Hopper", email: "grace@navy.example", phone: "+15125550101", tags: ["vip"] },
        { firstName: "Ada", lastName: "Lovelace", email: "ada@engine.example", phone: "+15125550102", tags: ["vip", "lapsed"] },
        { firstName: "Alan", lastName: "Turing", email: "alan@bletchley.example", phone: "+447700900123", tags: [] },
      ].map((c, i) => ({
        ...c,
        organizationId: agency.organization.id,
        locationId: agency.clinics[i === 2 ? 1 : 0].id,
        ghlContactId: `list-${i}`,
        dateAdded: new Date(now.getTime() - i * 60_000),
        ghlUpdatedAt: now,
      })),
    });
  });

  const names = (rows: Array<{ firstName: string | null }>) => rows.map((r) => r.firstName);

  it("finds by part of a name, email, or phone typed with punctuation", async () => {
    expect(names((await list({ q: "hop" })).rows)).toEqual(["Grace"]);
    expect(names((await list({ q: "ENGINE" })).rows)).toEqual(["Ada"]);
    expect(names((await list({ q: "(512) 555-0102" })).rows)).toEqual(["Ada"]);
    expect(names((await list({ q: "ada lovelace" })).rows)).toEqual(["Ada"]);
    expect((await list({ q: "nobody" })).total).toBe(0);
    // LIKE's wildcards are matched as typed.
    expect((await list({ q: "gr_ce" })).total).toBe(0);
    expect((await list({ q: "%" })).total).toBe(0);
  });

  it("filters by tag and clinic, sorts, and stays inside clinic staff's clinics", async () => {
    expect(names((await list({ tag: "vip", sort: "name" })).rows)).toEqual(["Grace", "Ada"]);
    expect(names((await list({ clinic: agency.clinics[1].id, q: "a" })).rows)).toEqual(["Alan"]);
    expect(names((await list({ q: "example", sort: "name" })).rows)).toEqual(["Grace", "Ada", "Alan"]);
    expect(names((await list({ q: "example", sort: "-added" })).rows)).toEqual(["Grace", "Ada", "Alan"]);
    expect(names((await list({ q: "example", sort: "added" })).rows)).toEqual(["Alan", "Ada", "Grace"]);
    const staffView = await list({ q: "example" }, [agency.clinics[0].id]);
    expect(names(staffView.rows).sort()).toEqual(["Ada", "Grace"]);
    expect(await list({ clinic: agency.clinics[1].id }, [agency.clinics[0].id])).toMatchObject({ total: 0 });
  });

  it("matches a picker's search like the list does, by name, within one clinic", async () => {
    const db = forOrg(agency.organization.id);
    const match = (q: string, clinic?: string) => findContactMatches({ clinicIds: null, db }, { q, clinic }).then(names);
    expect(await match("example")).toEqual(["Grace", "Ada", "Alan"]);
    expect(await match("example", agency.clinics[0].id)).toEqual(["Grace", "Ada"]);
    expect(await match("(512) 555-0102", agency.clinics[0].id)).toEqual(["Ada"]);
    expect(await match("turing", agency.clinics[0].id)).toEqual([]);
    expect(await match(" a ")).toEqual([]);
    // Cut at 100 characters, as the list's search is: the word past the cut is not searched.
    expect(await match(`grace${" ".repeat(5_000)}nobody`)).toEqual(["Grace"]);
    expect(await findContactMatches({ clinicIds: [agency.clinics[0].id], db }, { q: "turing" })).toEqual([]);
  });

  it("finds search candidates through the index function only within the current agency", async () => {
    const other = await seedAgency("other");
    await prisma.contact.create({
      data: { organizationId: other.organization.id, locationId: other.clinics[0].id, ghlContactId: "other-grace", firstName: "Grace", lastName: "Elsewhere", dateAdded: new Date(), ghlUpdatedAt: new Date() },
    });
    const ids = async (organizationId: string, words: string[]) => searchCandidateIds(forOrg(organizationId), { words, phoneDigits: null });
    const mine = await ids(agency.organization.id, ["grace"]);
    expect(mine).toHaveLength(1);
    expect(await prisma.contact.findUniqueOrThrow({ where: { id: mine![0]! } })).toMatchObject({ organizationId: agency.organization.id, lastName: "Hopper" });
    expect(await ids(other.organization.id, ["grace"])).toHaveLength(1);
    expect(await ids(agency.organization.id, ["50%_off"])).toEqual([]);
    expect(await searchCandidateIds(forOrg(agency.organization.id), { words: [], phoneDigits: "5550102" })).toHaveLength(1);
    // A tag narrows the words, and a tag alone is looked up through the same index.
    const tagged = await prisma.contact.findUniqueOrThrow({ where: { id: mine![0]! } });
    const withTag = async (words: string[], tag: string) => searchCandidateIds(forOrg(agency.organization.id), { words, phoneDigits: null }, tag);
    expect(await withTag(["grace"], "no-such-tag")).toEqual([]);
    expect(tagged.tags).toContain("vip");
    expect(await withTag(["grace"], "vip")).toEqual([tagged.id]);
    expect((await withTag([], "vip"))?.length).toBe(2);
    expect(await searchCandidateIds(forOrg(other.organization.id), { words: [], phoneDigits: null }, "vip")).toEqual([]);
    // Outside a tenant transaction app.org_id is unset: nothing, whatever the words.
    expect(await prisma.$queryRaw`SELECT id FROM search_contact_ids(ARRAY['grace'], NULL, NULL, 10)`).toEqual([]);
  });

  it("exports the current filter as streamed CSV", async () => {
    const response = await exportContacts(new Request(`http://localhost/agency/${slug}/admin/contacts/export?tag=vip`), { params: Promise.resolve({ slug }) });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    const lines = (await response.text()).trim().split("\n");
    expect(lines[0]).toBe("First name,Last name,Email,Phone,Tags,Clinic,Added,GHL contact id");
    expect(lines.slice(1).map((l) => l.split(",")[0]).sort()).toEqual(["Ada", "Grace"]);
    expect(lines.find((l) => l.startsWith("Ada"))).toContain("vip; lapsed");
  });
});
