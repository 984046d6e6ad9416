import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGhlSandbox, type GhlSandbox } from "@/tests/sandboxes/ghl";
import { call, type ContactJson, type GhlErrorJson, type SearchContactJson } from "@/tests/sandboxes/ghl/test-client";

interface SearchBody {
  contacts: SearchContactJson[];
  total: number;
}

describe("GHL sandbox: contact search over 50,000 contacts", () => {
  const COUNT = 50_000;
  let sandbox: GhlSandbox;
  let token: string;
  let seededIds: string[];

  beforeAll(async () => {
    sandbox = await startGhlSandbox({ rateLimit: { max: 10_000 } });
    const startedAt = performance.now();
    seededIds = sandbox.seedLocation({ id: "big", contacts: COUNT }).contactIds;
    const seedMs = performance.now() - startedAt;
    // Measured and reported, not asserted: timing belongs in benchmarks (architecture.md).
    console.log(`GHL sandbox: seeded ${COUNT} contacts in ${seedMs.toFixed(0)} ms, heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);
    token = sandbox.issueTokens({ locationId: "big" }).access_token;
  });
  afterAll(() => sandbox.stop());

  const search = (body: Record<string, unknown>) => call<SearchBody & GhlErrorJson>(sandbox.url, "/contacts/search", { token, json: { locationId: "big", ...body } });

  it("generates distinct deterministic contacts, with bulk-import ties on dateUpdated", () => {
    expect(seededIds).toHaveLength(COUNT);
    expect(new Set(seededIds).size).toBe(COUNT);
    expect(sandbox.store.contactCount("big")).toBe(COUNT);
    const stamps = new Map<number, number>();
    for (const contact of sandbox.store.contactsIn("big")) stamps.set(contact.dateUpdated, (stamps.get(contact.dateUpdated) ?? 0) + 1);
    expect(Math.max(...stamps.values())).toBeGreaterThan(100);
  });

  it("pages through the first 10,000 with `page` in dateUpdated order, and refuses to page past them", async () => {
    const seen: SearchContactJson[] = [];
    for (let page = 1; page <= 20; page++) {
      const response = await search({ pageLimit: 500, page, sort: [{ field: "dateUpdated", direction: "asc" }] });
      expect(response.status).toBe(200);
      expect(response.body.total).toBe(COUNT);
      expect(response.body.contacts).toHaveLength(500);
      seen.push(...response.body.contacts);
    }
    expect(new Set(seen.map((contact) => contact.id)).size).toBe(10_000);
    const ordered = seen.every((contact, i) => {
      const previous = seen[i - 1];
      return !previous || previous.searchAfter[0] < contact.searchAfter[0] || (previous.searchAfter[0] === contact.searchAfter[0] && previous.id < contact.id);
    });
    expect(ordered).toBe(true);
    expect(seen[0]?.searchAfter).toEqual([Date.parse(seen[0]?.dateUpdated ?? ""), seen[0]?.id]);

    const tooDeep = await search({ pageLimit: 500, page: 21, sort: [{ field: "dateUpdated", direction: "asc" }] });
    expect(tooDeep.status).toBe(400);
    expect(tooDeep.body.message).toContain("searchAfter");
  });

  it.each(["asc", "desc"] as const)("returns every contact exactly once through searchAfter (%s)", async (direction) => {
    sandbox.requests.clear();
    const ids: string[] = [];
    let cursor: [number, string] | undefined;
    for (;;) {
      const response = await search({ pageLimit: 500, sort: [{ field: "dateUpdated", direction }], ...(cursor ? { searchAfter: cursor } : {}) });
      expect(response.status).toBe(200);
      const page = response.body.contacts;
      if (page.length === 0) break;
      ids.push(...page.map((contact) => contact.id));
      cursor = page[page.length - 1]?.searchAfter;
    }
    expect(ids).toHaveLength(COUNT);
    expect(new Set(ids)).toEqual(new Set(seededIds));
    expect(sandbox.requests.count("POST /contacts/search")).toBe(COUNT / 500 + 1);
  });

  it("refuses page together with searchAfter, oversized pages and long filter values with 422", async () => {
    const both = await search({ pageLimit: 10, page: 1, searchAfter: [0, "a"] });
    expect(both.status).toBe(422);
    expect(both.body).toMatchObject({ statusCode: 422, error: "Unprocessable Entity", message: ["page and searchAfter cannot be used together"] });
    const tooBig = await search({ pageLimit: 501 });
    expect(tooBig.status).toBe(422);
    expect(tooBig.body.message).toEqual([expect.stringContaining("pageLimit")]);
    const missingLimit = await call<GhlErrorJson>(sandbox.url, "/contacts/search", { token, json: { locationId: "big" } });
    expect(missingLimit.status).toBe(422);
    const longValue = await search({ pageLimit: 10, filters: [{ field: "email", operator: "contains", value: "x".repeat(76) }] });
    expect(longValue.status).toBe(422);
    const unknownKey = await search({ pageLimit: 10, limit: 10 });
    expect(unknownKey.body.message).toEqual(["property limit should not exist"]);
  });
});

describe("GHL sandbox: incremental search and contact writes", () => {
  let sandbox: GhlSandbox;
  let token: string;
  let ids: string[];
  const seededAt = Date.now() - 60_000;

  beforeAll(async () => {
    sandbox = await startGhlSandbox();
    ids = sandbox.seedLocation({ id: "loc-c", contacts: 2_000, now: seededAt }).contactIds;
    token = sandbox.issueTokens({ locationId: "loc-c" }).access_token;
  });
  afterAll(() => sandbox.stop());

  const search = (body: Record<string, unknown>) => call<SearchBody>(sandbox.url, "/contacts/search", { token, json: { locationId: "loc-c", pageLimit: 500, ...body } });
  const changedSince = (since: number | string) =>
    search({ filters: [{ field: "dateUpdated", operator: "range", value: { gte: since } }], sort: [{ field: "dateUpdated", direction: "asc" }] });

  it("returns only contacts changed since a dateUpdated cutoff; deleted ones vanish", async () => {
    const cutoff = Date.now();
    expect((await changedSince(cutoff)).body).toEqual({ contacts: [], total: 0 });

    const [renamed, retagged, removed] = ids as [string, string, string];
    const before = sandbox.store.getContact(renamed)?.dateUpdated ?? 0;
    sandbox.store.updateContact(renamed, { firstName: "Renamed" });
    sandbox.store.updateContact(retagged, { tags: ["vip"] });
    sandbox.store.deleteContact(removed);
    const added = sandbox.store.createContact("loc-c", { firstName: "New", email: "new@example.com" });
    expect(sandbox.store.getContact(renamed)?.dateUpdated).toBeGreaterThan(before);

    const changed = await changedSince(new Date(cutoff).toISOString());
    expect(changed.status).toBe(200);
    expect(changed.body.total).toBe(3);
    expect(changed.body.contacts.map((contact) => contact.id).sort()).toEqual([renamed, retagged, added.id].sort());
    expect(changed.body.contacts.find((contact) => contact.id === renamed)?.firstName).toBe("Renamed");

    expect((await call(sandbox.url, `/contacts/${removed}`, { token })).status).toBe(404);
    const everything = await search({ pageLimit: 500, page: 1 });
    expect(everything.body.total).toBe(2_000); // 2,000 seeded - 1 deleted + 1 added

    const untouched = await search({ filters: [{ field: "dateUpdated", operator: "range", value: { lte: seededAt } }] });
    expect(untouched.body.total).toBe(1_997); // 2,000 seeded - 2 updated - 1 deleted
  });

  it("matches query text on name, email and phone", async () => {
    const target = sandbox.store.createContact("loc-c", { firstName: "Zebulon", lastName: "Quartz", email: "zq@example.org", phone: "+15125550199" });
    for (const query of ["zebulon quartz", "ZQ@EXAMPLE", "5125550199"]) {
      const found = await search({ query });
      expect(found.body.contacts.map((contact) => contact.id)).toEqual([target.id]);
    }
  });

  it("creates with 201, normalises phone and tags, and bumps dateUpdated on every write", async () => {
    const created = await call<{ contact: ContactJson }>(sandbox.url, "/contacts/", {
      token,
      json: { locationId: "loc-c", firstName: "Ada", lastName: "Byron", email: "Ada@Example.com", phone: "(512) 555-0100", tags: [" VIP ", "vip", "New"], customFields: [{ id: "cf1", field_value: "gold" }], source: "api" },
    });
    expect(created.status).toBe(201);
    const contact = created.body.contact;
    expect(contact).toMatchObject({
      locationId: "loc-c",
      name: "Ada Byron",
      firstName: "Ada",
      lastName: "Byron",
      email: "Ada@Example.com",
      emailLowerCase: "ada@example.com",
      phone: "+15125550100",
      tags: ["vip", "new"],
      customFields: [{ id: "cf1", value: "gold" }],
      source: "api",
      dnd: false,
    });
    expect(contact.id).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(contact.dateAdded).toBe(contact.dateUpdated);

    const read = await call<{ contact: ContactJson }>(sandbox.url, `/contacts/${contact.id}`, { token });
    expect(read.body.contact).toEqual(contact);

    const updated = await call<{ succeded: boolean; contact: ContactJson }>(sandbox.url, `/contacts/${contact.id}`, { method: "PUT", token, json: { lastName: "Lovelace", tags: ["member"] } });
    expect(updated.status).toBe(200);
    expect(updated.body.succeded).toBe(true);
    expect(updated.body).not.toHaveProperty("succeeded");
    expect(updated.body.contact).toMatchObject({ name: "Ada Lovelace", tags: ["member"], dateAdded: contact.dateAdded });
    expect(Date.parse(updated.body.contact.dateUpdated)).toBeGreaterThan(Date.parse(contact.dateUpdated));

    const added = await call<{ tags: string[] }>(sandbox.url, `/contacts/${contact.id}/tags`, { token, json: { tags: ["Hydration"] } });
    expect(added.status).toBe(201);
    expect(added.body.tags).toEqual(["member", "hydration"]);
    const removed = await call<{ tags: string[] }>(sandbox.url, `/contacts/${contact.id}/tags`, { method: "DELETE", token, json: { tags: ["member"] } });
    expect(removed.status).toBe(200);
    expect(removed.body.tags).toEqual(["hydration"]);
    expect(sandbox.store.getContact(contact.id)?.dateUpdated).toBeGreaterThan(Date.parse(updated.body.contact.dateUpdated));

    const deleted = await call(sandbox.url, `/contacts/${contact.id}`, { method: "DELETE", token });
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ succeded: true });
    const gone = await call<GhlErrorJson>(sandbox.url, `/contacts/${contact.id}`, { token });
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({ statusCode: 404, message: "Contact not found" });
    expect((await search({ query: "ada@example.com" })).body.total).toBe(0);
  });

  it("answers 422 to bad bodies and 400 to a duplicate when duplicates are not allowed", async () => {
    const withLocation = await call<GhlErrorJson>(sandbox.url, `/contacts/${ids[10]}`, { method: "PUT", token, json: { locationId: "loc-c" } });
    expect(withLocation.status).toBe(422);
    expect(withLocation.body.message).toEqual(["property locationId should not exist"]);
    const badEmail = await call<GhlErrorJson>(sandbox.url, "/contacts/", { token, json: { locationId: "loc-c", email: "not-an-email" } });
    expect(badEmail.status).toBe(422);
    const badPhone = await call<GhlErrorJson>(sandbox.url, "/contacts/", { token, json: { locationId: "loc-c", phone: "12" } });
    expect(badPhone.status).toBe(422);

    const existing = sandbox.store.getContact(ids[10] as string);
    const duplicate = await call<GhlErrorJson & { meta: unknown }>(sandbox.url, "/contacts/", { token, json: { locationId: "loc-c", email: existing?.email } });
    expect(duplicate.status).toBe(400);
    expect(duplicate.body).toMatchObject({ statusCode: 400, message: "This location does not allow duplicated contacts.", meta: { contactId: existing?.id, matchingField: "email" } });
  });

  it("upserts by email first, then phone", async () => {
    const upsert = (json: Record<string, unknown>) => call<{ new: boolean; contact: ContactJson; traceId: string }>(sandbox.url, "/contacts/upsert", { token, json: { locationId: "loc-c", ...json } });
    const created = await upsert({ email: "upsert@example.com", firstName: "Up" });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ new: true, contact: { email: "upsert@example.com" }, traceId: expect.any(String) });
    expect(created.headers.get("x-trace-id")).toBe(created.body.traceId);

    const byEmail = await upsert({ email: "UPSERT@example.com", lastName: "Sert" });
    expect(byEmail.body).toMatchObject({ new: false, contact: { id: created.body.contact.id, firstName: "Up", lastName: "Sert" } });

    const phoneOwner = sandbox.store.createContact("loc-c", { firstName: "Phone", phone: "+15125550777" });
    const byPhone = await upsert({ phone: "512-555-0777", firstName: "Phoned" });
    expect(byPhone.body).toMatchObject({ new: false, contact: { id: phoneOwner.id, firstName: "Phoned" } });

    const conflict = await upsert({ email: "upsert@example.com", phone: "+15125550777" });
    expect(conflict.body.contact.id).toBe(created.body.contact.id);
  });
});
