import { beforeAll, describe, expect, it } from "vitest";
import { findPlatformAuditLog, findUnhealthySyncs, ZPlatformAuditFilter } from "@/lib/platform/oversight";
import { prisma, resetDatabase } from "../support/db";
import { seedAgency, type SeededAgency } from "../support/tenants";

let A: SeededAgency;
let B: SeededAgency;

beforeAll(async () => {
  await resetDatabase();
  A = await seedAgency("a");
  B = await seedAgency("b");
  const ago = (hours: number) => new Date(Date.now() - hours * 3_600_000);
  await prisma.locationSync.createMany({
    data: [
      { locationId: A.clinics[0].id, organizationId: A.organization.id, health: "error", consecutiveFailures: 4, lastSyncedAt: ago(5), lastError: "GoHighLevel answered 503." },
      { locationId: A.clinics[1].id, organizationId: A.organization.id, health: "healthy", lastSyncedAt: ago(0.1) },
      { locationId: B.clinics[0].id, organizationId: B.organization.id, health: "degraded", consecutiveFailures: 1, lastSyncedAt: ago(2) },
      { locationId: B.clinics[1].id, organizationId: B.organization.id, health: "error", consecutiveFailures: 1, lastSyncedAt: ago(1) },
    ],
  });
  await prisma.auditLog.createMany({
    data: [
      { organizationId: A.organization.id, actorUserId: A.owner.user.id, action: "contacts.update", impersonatorUserId: B.owner.user.id },
      { organizationId: B.organization.id, actorUserId: B.owner.user.id, action: "team.invite", outcome: "failure" },
      { organizationId: null, actorUserId: null, action: "platform.create-agency" },
    ],
  });
});

describe("the platform's views across agencies", () => {
  it("lists every clinic not syncing cleanly, the worst first, with its agency", async () => {
    const { clinics, agencyCount } = await findUnhealthySyncs();
    expect(clinics.map((c) => [c.location.name, c.health])).toEqual([
      [A.clinics[0].name, "error"],
      [B.clinics[1].name, "error"],
      [B.clinics[0].name, "degraded"],
    ]);
    expect(agencyCount).toBe(2);
    expect(clinics[0]!.location.organization).toEqual({ id: A.organization.id, name: A.organization.name });
  });

  it("reads every agency's audit log, filtered by agency, outcome and action, naming who acted as whom", async () => {
    const all = await findPlatformAuditLog(ZPlatformAuditFilter.parse({}));
    expect(all.total).toBe(3);
    const a = await findPlatformAuditLog(ZPlatformAuditFilter.parse({ agency: A.organization.id }));
    expect(a.entries.map((e) => e.action)).toEqual(["contacts.update"]);
    expect(a.people.map((p) => p.id).sort()).toEqual([A.owner.user.id, B.owner.user.id].sort());
    expect((await findPlatformAuditLog(ZPlatformAuditFilter.parse({ agency: "platform" }))).entries.map((e) => e.action)).toEqual(["platform.create-agency"]);
    expect((await findPlatformAuditLog(ZPlatformAuditFilter.parse({ outcome: "failure" }))).entries.map((e) => e.organizationId)).toEqual([B.organization.id]);
    expect((await findPlatformAuditLog(ZPlatformAuditFilter.parse({ action: "team." }))).total).toBe(1);
    // Hostile filters fall back to none rather than failing the page.
    expect((await findPlatformAuditLog(ZPlatformAuditFilter.parse({ outcome: "nope", page: "-3", from: "0000-01-01" }))).total).toBe(3);
  });
});
