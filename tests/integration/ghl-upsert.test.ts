import { beforeEach, describe, expect, it } from "vitest";
import { prisma, resetDatabase } from "../support/db";
import { seedLocation, seedOrg } from "../support/factories";
import { forOrg } from "@/lib/db";
import type { GhlContact } from "@/lib/ghl/schemas";
import { upsertContactPage, type ClinicRef, type UpsertSource } from "@/lib/ghl/sync/upsert";

/** The contact page upsert on its own: what it stores from each field, and when it writes at all. */

let clinic: ClinicRef;

beforeEach(async () => {
  await resetDatabase();
  const org = await seedOrg();
  const location = await seedLocation(org.id);
  clinic = { organizationId: org.id, locationId: location.id };
});

const contact = (id: string, fields: Partial<GhlContact> = {}): GhlContact => ({
  id,
  locationId: "ghl-location",
  firstName: undefined,
  lastName: undefined,
  email: undefined,
  phone: undefined,
  source: undefined,
  tags: [],
  customFields: [],
  dateAdded: new Date("2026-01-02T03:04:05.006Z"),
  dateUpdated: new Date("2026-03-04T05:06:07.089Z"),
  dnd: undefined,
  dndSettings: undefined,
  ...fields,
});

const upsert = (contacts: GhlContact[], options: { seenAt?: Date; source?: UpsertSource } = {}) =>
  forOrg(clinic.organizationId).transaction((tx) => upsertContactPage(tx, clinic, contacts, { source: "read", ...options }));

const stored = (ghlContactId: string) =>
  prisma.contact.findUniqueOrThrow({
    where: { locationId_ghlContactId: { locationId: clinic.locationId, ghlContactId } },
    select: { firstName: true, lastName: true, email: true, phone: true, tags: true, customFields: true, source: true, dateAdded: true, ghlUpdatedAt: true, deletedAt: true },
  });

describe("contact page upsert", () => {
  it("stores every field as GHL sent it, to the millisecond", async () => {
    const customFields = [{ id: "cf1", value: 'say "hi", {braces} \\ back' }, { id: "cf2", value: { nested: [1, null, true] } }, { id: "cf3", value: null }];
    const tags = ['vip "gold"', "a,b", "{x}", "null", "Zoë ✓", "back\\slash"];
    expect(
      await upsert([
        contact("full", { firstName: "Zoë", lastName: "O'Brien", email: "Zoe.OBrien@Example.COM", phone: "+15550001111", source: "web form", tags, customFields }),
        contact("sparse", { firstName: undefined, email: undefined, dateAdded: undefined, dateUpdated: new Date("2026-05-06T07:08:09.999Z") }),
      ]),
    ).toBe(2);
    expect(await stored("full")).toEqual({
      firstName: "Zoë",
      lastName: "O'Brien",
      email: "zoe.obrien@example.com",
      phone: "+15550001111",
      tags,
      customFields,
      source: "web form",
      dateAdded: new Date("2026-01-02T03:04:05.006Z"),
      ghlUpdatedAt: new Date("2026-03-04T05:06:07.089Z"),
      deletedAt: null,
    });
    // A contact without dateAdded was added no later than it was updated.
    expect(await stored("sparse")).toEqual({
      firstName: null,
      lastName: null,
      email: null,
      phone: null,
      tags: [],
      customFields: [],
      source: null,
      dateAdded: new Date("2026-05-06T07:08:09.999Z"),
      ghlUpdatedAt: new Date("2026-05-06T07:08:09.999Z"),
      deletedAt: null,
    });
  });

  it("takes the moment it learned of a contact when GHL gives no dateUpdated", async () => {
    const seenAt = new Date("2026-07-08T09:10:11.123Z");
    await upsert([contact("undated", { dateUpdated: undefined, dateAdded: undefined })], { seenAt });
    expect(await stored("undated")).toMatchObject({ dateAdded: seenAt, ghlUpdatedAt: seenAt });
  });

  it("keeps the newest of one contact sent twice in a page", async () => {
    const older = contact("twice", { firstName: "Old", dateUpdated: new Date("2026-03-01T00:00:00.000Z") });
    const newer = contact("twice", { firstName: "New", dateUpdated: new Date("2026-03-02T00:00:00.000Z") });
    expect(await upsert([newer, older])).toBe(1);
    expect(await stored("twice")).toMatchObject({ firstName: "New", ghlUpdatedAt: newer.dateUpdated });
  });

  it("writes only what is newer, or a tie that differs when GHL is read", async () => {
    await upsert([contact("a", { firstName: "Ann", tags: ["x"] }), contact("b", { firstName: "Bo" })]);
    // The same page again changes nothing.
    expect(await upsert([contact("a", { firstName: "Ann", tags: ["x"] }), contact("b", { firstName: "Bo" })])).toBe(0);
    // Older never wins.
    expect(await upsert([contact("a", { firstName: "Stale", dateUpdated: new Date("2026-03-04T05:06:07.088Z") })])).toBe(0);
    // A tie: a read of GHL replaces what differs (here only the tags), a webhook does not.
    expect(await upsert([contact("a", { firstName: "Ann", tags: ["x", "y"] })], { source: "event" })).toBe(0);
    expect(await upsert([contact("a", { firstName: "Ann", tags: ["x", "y"] })])).toBe(1);
    expect(await stored("a")).toMatchObject({ firstName: "Ann", tags: ["x", "y"] });
    // Newer wins, from either source.
    expect(await upsert([contact("b", { firstName: "Bea", dateUpdated: new Date("2026-03-04T05:06:07.090Z") })], { source: "event" })).toBe(1);
    expect(await stored("b")).toMatchObject({ firstName: "Bea", ghlUpdatedAt: new Date("2026-03-04T05:06:07.090Z") });
  });
});
