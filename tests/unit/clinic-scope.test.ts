import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { CLINIC_OWNED_MODELS, ClinicScopeError, scopeClinicArgs } from "@/lib/db/clinic-scope";
import { createOrgClient, TenantScopeError } from "@/lib/db/org-client";

const AUSTIN = ["loc_austin"];

describe("a clinic-staff handle", () => {
  it("adds the member's clinics to every read, update and delete of a clinic-owned model", () => {
    expect(scopeClinicArgs("Contact", "findMany", { where: { firstName: "Ana" } }, AUSTIN)).toEqual({
      where: { firstName: "Ana", AND: [{ locationId: { in: AUSTIN } }] },
    });
    expect(scopeClinicArgs("Appointment", "findUnique", { where: { id: "a1" } }, AUSTIN)).toEqual({
      where: { id: "a1", AND: [{ locationId: { in: AUSTIN } }] },
    });
    expect(scopeClinicArgs("Location", "count", undefined, AUSTIN)).toEqual({ where: { AND: [{ id: { in: AUSTIN } }] } });
    expect(scopeClinicArgs("ContactNote", "deleteMany", { where: { id: "n1" } }, AUSTIN)).toEqual({
      where: { id: "n1", AND: [{ contact: { locationId: { in: AUSTIN } } }] },
    });
    expect(scopeClinicArgs("InventoryLot", "update", { where: { id: "l1" }, data: { onHand: 3 } }, AUSTIN)).toEqual({
      where: { id: "l1", AND: [{ item: { locationId: { in: AUSTIN } } }] },
      data: { onHand: 3 },
    });
  });

  it("keeps the caller's own AND and a filter naming another clinic still finds nothing", () => {
    const args = scopeClinicArgs("Contact", "findFirst", { where: { locationId: "loc_denver", AND: { deletedAt: null } } }, AUSTIN);
    expect(args).toEqual({ where: { locationId: "loc_denver", AND: [{ locationId: { in: AUSTIN } }, { deletedAt: null }] } });
  });

  it("refuses to create or move a record into another clinic", () => {
    expect(() => scopeClinicArgs("Contact", "create", { data: { locationId: "loc_denver" } }, AUSTIN)).toThrow(ClinicScopeError);
    expect(() => scopeClinicArgs("InventoryTransaction", "createMany", { data: [{ locationId: "loc_austin" }, { locationId: "loc_denver" }] }, AUSTIN)).toThrow(
      ClinicScopeError,
    );
    expect(() => scopeClinicArgs("Appointment", "update", { where: { id: "a" }, data: { locationId: "loc_denver" } }, AUSTIN)).toThrow(ClinicScopeError);
    expect(() => scopeClinicArgs("Contact", "create", { data: { firstName: "no clinic" } }, AUSTIN)).toThrow(ClinicScopeError);
    expect(() => scopeClinicArgs("Location", "create", { data: { id: "loc_new" } }, AUSTIN)).toThrow(/cannot add clinics/);
    expect(scopeClinicArgs("Contact", "create", { data: { locationId: "loc_austin" } }, AUSTIN)).toEqual({ data: { locationId: "loc_austin" } });
  });

  it("refuses a clinic-owned query without a clinic set, and leaves agency-level models alone", () => {
    expect(() => scopeClinicArgs("Contact", "findMany", {}, [])).toThrow(/no clinics/);
    expect(scopeClinicArgs("AuditLog", "create", { data: { action: "x" } }, [])).toEqual({ data: { action: "x" } });
    expect(scopeClinicArgs("Contact", "findMany", { where: { id: "c" } }, "all")).toEqual({ where: { id: "c" } });
    // A handle whose clinic set was forgotten is refused when it is made, not widened to every clinic.
    expect(() => createOrgClient({} as never, "org_a", undefined as never)).toThrow(/needs its clinic set/);
    expect(() => createOrgClient({} as never, "org_a", "some" as never)).toThrow(TenantScopeError);
  });
});

describe("CLINIC_OWNED_MODELS", () => {
  it("names every tenant model that has a clinic (locationId), so none is left unscoped", () => {
    const schema = fs.readFileSync("prisma/schema.prisma", "utf8");
    const withClinic = [...schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)]
      .filter(([, , body]) => /^\s+organizationId\s/m.test(body ?? "") && /^\s+locationId\s/m.test(body ?? ""))
      .map(([, name]) => name!);
    expect(withClinic.length).toBeGreaterThan(5);
    for (const model of withClinic) expect(Object.keys(CLINIC_OWNED_MODELS), model).toContain(model);
  });
});
