import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_CONTACTS_PER_CLINIC, demoGhlAppointments, isDatabaseEmpty, seedDemoData } from "@/scripts/demo/seed";
import { DEMO_AGENCY, DEMO_CLINICS, DEMO_USERS } from "@/scripts/demo/data";
import { prisma, resetDatabase } from "../support/db";

async function snapshot() {
  const [organizations, users, members, locations, contacts, appointments, memberLocations, latestUpdate] = await Promise.all([
    prisma.organization.count(),
    prisma.user.count(),
    prisma.member.count(),
    prisma.location.count(),
    prisma.contact.count(),
    prisma.appointment.count({ where: { provider: "ghl" } }),
    prisma.memberLocation.count(),
    prisma.contact.aggregate({ _max: { updatedAt: true } }),
  ]);
  const inventory = await Promise.all([prisma.inventoryItem.count(), prisma.inventoryLot.count(), prisma.inventoryTransaction.count()]);
  const calcomAppointments = await prisma.appointment.count({ where: { provider: "calcom" } });
  return { organizations, users, members, locations, contacts, appointments, memberLocations, latestUpdate, inventory, calcomAppointments };
}

describe("demo seed", () => {
  beforeAll(resetDatabase);

  it("creates the platform, the demo agency with three clinics, staff of every role and invented records", async () => {
    expect(await isDatabaseEmpty(prisma)).toBe(true);
    const inserted = await seedDemoData(prisma);
    expect(inserted).toBeGreaterThan(0);
    const counts = await snapshot();
    expect(counts.organizations).toBe(2);
    expect(counts.locations).toBe(DEMO_CLINICS.length);
    expect(counts.contacts).toBe(DEMO_CLINICS.length * DEMO_CONTACTS_PER_CLINIC);
    expect(counts.appointments).toBe(demoGhlAppointments(new Date()).length);
    const roles = await prisma.member.findMany({ select: { role: true } });
    expect(new Set(roles.map((r) => r.role))).toEqual(new Set(["platform_admin", "agency_owner", "agency_admin", "clinic_staff"]));
    const agency = await prisma.organization.findUniqueOrThrow({ where: { slug: DEMO_AGENCY.slug } });
    expect(agency.name).toBe("Digital Desk");
    expect(counts.members).toBe(DEMO_USERS.length);
  });

  it("gives the demo agency a fitted no-show model, evaluated against the baseline, and risky appointments to call", async () => {
    const model = await prisma.noShowModel.findFirstOrThrow({ where: { organizationId: DEMO_AGENCY.id, active: true } });
    expect(model).toMatchObject({ kind: "fitted", label: "fitted-v1", version: 1 });
    const evaluation = model.evaluation as { model: { auc: number }; baseline: { auc: number }; testRows: number };
    expect(evaluation.testRows).toBeGreaterThan(100);
    expect(evaluation.model.auc).toBeGreaterThan(evaluation.baseline.auc);
    const upcoming = await prisma.appointment.findMany({ where: { organizationId: DEMO_AGENCY.id, provider: "ghl", startTime: { gte: new Date() }, status: { in: ["new", "confirmed"] } }, include: { risk: true } });
    expect(upcoming.length).toBeGreaterThan(0);
    expect(upcoming.every((a) => a.risk?.modelVersion === "fitted-v1")).toBe(true);
    // The queue's first calls are the risky ones.
    for (const id of ["apt_austin_0001", "apt_denver_0001", "apt_miami_0001", "apt_austin_today"]) {
      const risk = await prisma.appointmentRisk.findUniqueOrThrow({ where: { appointmentId: id } });
      expect(risk.band, id).toBe("high");
      expect((risk.reasons as Array<{ text: string }>).map((r) => r.text)).toContainEqual(expect.stringMatching(/^2 no-shows in (the last )?\d visits$/));
    }
  });

  it("gives the Miami clinic Cal.com bookings beside GHL's: one moved, one awaiting a new time, one double booked", async () => {
    const calcom = await prisma.appointment.findMany({ where: { provider: "calcom" } });
    expect(calcom.length).toBeGreaterThanOrEqual(10);
    expect(new Set(calcom.map((a) => a.locationId))).toEqual(new Set(["loc_miami"]));
    expect(calcom.filter((a) => a.previousExternalIds.length > 0)).toHaveLength(1);
    expect(calcom.filter((a) => a.rescheduleRequestedAt)).toHaveLength(1);
    const overlap = calcom.find((a) => a.externalId === "demo-cal-miami-overlap")!;
    const ghl = await prisma.appointment.findFirst({ where: { provider: "ghl", locationId: "loc_miami", startTime: overlap.startTime, calendarId: overlap.calendarId } });
    expect(ghl).not.toBeNull();
    expect(await prisma.contact.count({ where: { id: { in: calcom.map((a) => a.contactId!) }, locationId: "loc_miami" } })).toBe(new Set(calcom.map((a) => a.contactId)).size);
  });

  it("stocks every clinic with consistent inventory: some items low, some lots expiring within 30 days", async () => {
    const items = await prisma.inventoryItem.findMany({ include: { lots: true, transactions: true } });
    expect(new Set(items.map((i) => i.locationId))).toEqual(new Set(DEMO_CLINICS.map((c) => c.id)));
    for (const item of items) {
      expect(item.lots.reduce((sum, l) => sum + l.onHand, 0), item.id).toBe(item.onHand);
      expect(item.transactions.reduce((sum, t) => sum + t.quantity, 0), item.id).toBe(item.onHand);
    }
    expect(items.filter((i) => i.onHand <= i.reorderPoint).length).toBeGreaterThanOrEqual(3);
    const soon = new Date(Date.now() + 30 * 86_400_000);
    expect(await prisma.inventoryLot.count({ where: { onHand: { gt: 0 }, expiresOn: { lte: soon } } })).toBeGreaterThanOrEqual(3);
  });

  it("gives every clinic a prevention policy with logged texts, and the first a waitlist with a slot on offer", async () => {
    expect(await prisma.preventionPolicy.count({ where: { organizationId: DEMO_AGENCY.id, enabled: true } })).toBe(DEMO_CLINICS.length);
    const first = DEMO_CLINICS[0]!.id;
    expect(await prisma.waitlistEntry.count({ where: { locationId: first, status: "active" } })).toBe(3);
    expect(await prisma.preventionMessage.count({ where: { locationId: first, direction: "outbound" } })).toBeGreaterThanOrEqual(2);
    expect(await prisma.preventionMessage.count({ where: { status: "unknown_contact" } })).toBe(1);
    const requests = await prisma.confirmationRequest.findMany({ where: { organizationId: DEMO_AGENCY.id }, select: { status: true } });
    expect(new Set(requests.map((r) => r.status))).toEqual(new Set(["sent", "no_reply", "skipped"]));
  });

  it("changes nothing when run again", async () => {
    const before = await snapshot();
    expect(await seedDemoData(prisma)).toBe(0);
    expect(await snapshot()).toEqual(before);
  });
});

describe("demo seed: medical oversight", () => {
  it("gives Austin and Miami rules, and today's Austin schedule a patient without the current consent", async () => {
    const { forOrg } = await import("@/lib/db");
    const { findTodaysSchedule } = await import("@/lib/clinic/schedule");
    const { visitChecks } = await import("@/lib/oversight/patients");
    const { gfeExpiringDetector } = await import("@/lib/ops/detectors/gfe-expiring");
    if (await isDatabaseEmpty(prisma)) await seedDemoData(prisma);
    expect(await prisma.clinicOversight.count()).toBe(2);
    expect(await prisma.serviceRule.count({ where: { gfeRequired: true, consentKey: "iv-therapy" } })).toBe(2);
    const db = forOrg(DEMO_AGENCY.id);
    const austin = DEMO_CLINICS[0];
    const schedule = await findTodaysSchedule(db, austin);
    expect(schedule.length).toBeGreaterThan(0);
    const checks = await visitChecks({ db }, austin, schedule.map((a) => ({ id: a.id, startTime: a.startTime, calendarId: a.calendarId, contactId: a.contact?.id ?? null })));
    const kinds = [...checks.values()].flat().map((w) => w.kind);
    expect(kinds).toContain("consent_missing");
    expect(kinds.filter((k) => k !== "consent_missing")).toEqual([]);
    const expiring = await gfeExpiringDetector.run({ organizationId: DEMO_AGENCY.id, orgSlug: DEMO_AGENCY.slug, db, now: new Date() });
    expect(expiring.map((f) => f.locationId)).toEqual(["loc_austin"]);
  });
});
