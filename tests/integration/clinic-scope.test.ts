import { beforeAll, describe, expect, it, vi } from "vitest";
import { resolveOrgContext, type OrgContext } from "@/lib/auth/context";
import { getCurrentSession } from "@/lib/auth/session";
import { ClinicScopeError } from "@/lib/db";
import { prisma, resetDatabase } from "../support/db";
import { actAs, signInAs } from "../support/auth";
import { seedAgency, type SeededAgency } from "../support/tenants";

vi.mock("@/lib/auth/request", () => ({ requestHeaders: vi.fn() }));

/**
 * The member-scoped handle: clinic staff of one clinic reach nothing of the agency's other
 * clinic through `ctx.db`, even by id and even where the code asks for it by name.
 */
let A: SeededAgency;
let staff: OrgContext;
let owner: OrgContext;

async function contextOf(email: string): Promise<OrgContext> {
  actAs(await signInAs(email));
  const ctx = await resolveOrgContext((await getCurrentSession())!, A.organization.slug);
  if (!ctx) throw new Error(`${email} has no context`);
  return ctx;
}

beforeAll(async () => {
  await resetDatabase();
  A = await seedAgency("scope");
  staff = await contextOf(A.staff.user.email);
  owner = await contextOf(A.owner.user.email);
});

describe("a clinic-staff member's database handle", () => {
  it("returns the other clinic's rows to nobody but owners and admins", async () => {
    const [austin, denver] = A.clinics;
    const denverContact = A.contacts.find((c) => c.locationId === denver.id)!;
    expect(staff.clinicIds).toEqual([austin.id]);
    expect(await staff.db.contact.findUnique({ where: { id: denverContact.id } })).toBeNull();
    expect(await staff.db.contact.findFirst({ where: { locationId: denver.id } })).toBeNull();
    expect((await staff.db.location.findMany()).map((l) => l.id)).toEqual([austin.id]);
    expect(await staff.db.contact.count()).toBe(A.contacts.filter((c) => c.locationId === austin.id).length);
    expect(await owner.db.contact.findUnique({ where: { id: denverContact.id } })).not.toBeNull();
  });

  it("cannot change or delete the other clinic's rows, and inside a transaction too", async () => {
    const denverContact = A.contacts.find((c) => c.locationId === A.clinics[1].id)!;
    const changed = await staff.db.contact.updateMany({ where: { id: denverContact.id }, data: { firstName: "Changed" } });
    expect(changed.count).toBe(0);
    await expect(staff.db.contact.update({ where: { id: denverContact.id }, data: { firstName: "Changed" } })).rejects.toThrow();
    const inside = await staff.db.transaction((tx) => tx.contact.findUnique({ where: { id: denverContact.id } }));
    expect(inside).toBeNull();
    await expect(
      staff.db.contact.create({ data: { locationId: A.clinics[1].id, ghlContactId: "ghl_x", firstName: "Planted" } as never }),
    ).rejects.toThrow(ClinicScopeError);
    expect((await prisma.contact.findUniqueOrThrow({ where: { id: denverContact.id } })).firstName).toBe(denverContact.firstName);
  });
});
