import { describe, expect, it } from "vitest";
import { assignableRoles, betterAuthStatements, can, PERMISSIONS, seesAllClinics, type Permission, type Role } from "@/lib/auth/permissions";

// The matrix as the product defines it; the code's table must say the same.
const EXPECTED: Record<Role, Permission[]> = {
  agency_owner: Object.keys(PERMISSIONS) as Permission[],
  agency_admin: [
    "agency.view", "clinic.view", "contacts.read", "contacts.write", "contacts.delete", "calendar.read", "calendar.write",
    "appointments.checkin", "inventory.read", "inventory.use", "inventory.manage", "ops.work", "ops.run", "ask.use", "oversight.manage", "team.read", "team.manage", "integrations.sync",
  ],
  clinic_staff: ["clinic.view", "contacts.read", "contacts.write", "calendar.read", "appointments.checkin", "inventory.read", "inventory.use", "ops.work", "ask.use"],
  platform_admin: [],
};

describe("role matrix", () => {
  for (const [role, allowed] of Object.entries(EXPECTED) as [Role, Permission[]][]) {
    it(`${role} may do exactly what the product allows`, () => {
      const granted = (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(role, p));
      expect(granted.sort()).toEqual([...allowed].sort());
    });
  }

  it("keeps billing, deleting the agency, security settings and the audit log with owners", () => {
    for (const permission of ["billing.manage", "agency.delete", "settings.security", "audit.read"] as const) {
      expect(can("agency_admin", permission)).toBe(false);
      expect(can("clinic_staff", permission)).toBe(false);
      expect(can("agency_owner", permission)).toBe(true);
    }
  });

  it("limits clinic staff to their clinics and who can hand out which role", () => {
    expect(seesAllClinics("clinic_staff")).toBe(false);
    expect(seesAllClinics("agency_admin")).toBe(true);
    expect(assignableRoles("agency_owner")).toContain("agency_owner");
    expect(assignableRoles("agency_admin")).not.toContain("agency_owner");
    expect(assignableRoles("clinic_staff")).toEqual([]);
  });

  it("gives Better Auth's organization plugin the same rights as the matrix", () => {
    expect(betterAuthStatements("agency_owner")).toEqual({
      organization: ["update", "delete"],
      member: ["create", "update", "delete"],
      invitation: ["create", "cancel"],
    });
    expect(betterAuthStatements("agency_admin")).toEqual({ member: ["create", "update", "delete"], invitation: ["create", "cancel"] });
    expect(betterAuthStatements("clinic_staff")).toEqual({});
    expect(betterAuthStatements("platform_admin")).toEqual({});
  });
});
