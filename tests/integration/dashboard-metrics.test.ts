import { beforeEach, describe, expect, it } from "vitest";
import { prisma, resetDatabase } from "../support/db";
import { seedAgency, type SeededAgency } from "../support/tenants";
import { forOrg } from "@/lib/db";
import { getClinicMetrics, getDailyOutcomes, rate, totalMetrics } from "@/lib/dashboard/metrics";

// Wednesday 2026-11-18, 15:00 UTC: 09:00 in Chicago, 00:00 Thursday in Tokyo.
const NOW = new Date("2026-11-18T15:00:00Z");
const at = (iso: string) => new Date(iso);

let agency: SeededAgency;

beforeEach(async () => {
  await resetDatabase();
  agency = await seedAgency("m");
  const [chicago, tokyo] = agency.clinics;
  await prisma.location.update({ where: { id: tokyo.id }, data: { timezone: "Asia/Tokyo" } });
  const appointment = (locationId: string, n: number, startTime: Date, status: "new" | "confirmed" | "showed" | "noshow" | "cancelled") => ({
    organizationId: agency.organization.id,
    locationId,
    externalId: `a-${locationId}-${n}`,
    status,
    startTime,
    endTime: new Date(startTime.getTime() + 3_600_000),
    externalUpdatedAt: NOW,
  });
  await prisma.appointment.createMany({
    data: [
      appointment(chicago.id, 1, at("2026-11-18T16:00:00Z"), "new"), // today in Chicago, upcoming, unconfirmed
      appointment(chicago.id, 2, at("2026-11-18T20:00:00Z"), "cancelled"), // today, but cancelled
      appointment(chicago.id, 3, at("2026-11-16T16:00:00Z"), "showed"), // Monday: this week, past
      appointment(chicago.id, 4, at("2026-11-10T16:00:00Z"), "noshow"), // last week, past 30 days
      appointment(chicago.id, 5, at("2026-09-01T16:00:00Z"), "noshow"), // older than 30 days
      appointment(tokyo.id, 6, at("2026-11-18T16:00:00Z"), "confirmed"), // Thursday 01:00 in Tokyo: today there
      appointment(tokyo.id, 7, at("2026-11-18T14:00:00Z"), "showed"), // Wednesday 23:00 in Tokyo: yesterday there
      appointment(tokyo.id, 8, at("2026-11-12T02:00:00Z"), "confirmed"), // past, never marked showed or no-show
    ],
  });
  await prisma.contact.update({ where: { id: agency.contacts[0]!.id }, data: { dateAdded: at("2026-11-17T12:00:00Z") } });
  await prisma.contact.update({ where: { id: agency.contacts[1]!.id }, data: { dateAdded: at("2026-10-01T12:00:00Z") } });
});

describe("dashboard metrics", () => {
  it("counts each clinic's today and week in its own timezone", async () => {
    const ctx = { clinicIds: null, db: forOrg(agency.organization.id) };
    const [chicago, tokyo] = await getClinicMetrics(ctx, NOW).then((rows) => [rows.find((r) => r.timezone === "America/Chicago")!, rows.find((r) => r.timezone === "Asia/Tokyo")!]);
    expect(chicago).toMatchObject({
      contacts: 1,
      newContactsThisWeek: 1,
      appointmentsToday: 1,
      appointmentsThisWeek: 2,
      unconfirmedUpcoming: 1,
      past30: { total: 2, showed: 1, noshow: 1, cancelled: 0, notMarked: 0 },
    });
    expect(tokyo).toMatchObject({ newContactsThisWeek: 0, appointmentsToday: 1, unconfirmedUpcoming: 0, past30: { total: 2, showed: 1, notMarked: 1 } });
    const totals = totalMetrics([chicago!, tokyo!]);
    expect(totals.past30).toEqual({ total: 4, showed: 2, noshow: 1, cancelled: 0, notMarked: 1 });
    expect(rate(totals.past30.noshow, totals.past30.total)).toBe(25);
    expect(rate(totals.past30.notMarked, totals.past30.total)).toBe(25);
    expect(rate(0, 0)).toBeNull();
  });

  it("shows clinic staff only their clinics, and charts outcomes per day", async () => {
    const staffCtx = { clinicIds: [agency.clinics[0].id], db: forOrg(agency.organization.id) };
    const rows = await getClinicMetrics(staffCtx, NOW);
    expect(rows.map((r) => r.id)).toEqual([agency.clinics[0].id]);
    const days = await getDailyOutcomes(staffCtx, NOW);
    expect(days).toEqual([
      { day: "2026-11-10", showed: 0, noshow: 1, cancelled: 0, other: 0 },
      { day: "2026-11-16", showed: 1, noshow: 0, cancelled: 0, other: 0 },
    ]);
  });

  it("charts every clinic's appointments on that clinic's own date", async () => {
    const tokyo = agency.clinics[1];
    // Thursday 12th, 10:00 in Chicago, is Friday 13th, 01:00 in Tokyo.
    await prisma.appointment.create({
      data: { organizationId: agency.organization.id, locationId: tokyo.id, externalId: "tokyo-late", status: "noshow", startTime: at("2026-11-12T16:00:00Z"), endTime: at("2026-11-12T17:00:00Z"), externalUpdatedAt: NOW },
    });
    const days = await getDailyOutcomes({ clinicIds: null, db: forOrg(agency.organization.id) }, NOW);
    expect(days).toEqual([
      { day: "2026-11-10", showed: 0, noshow: 1, cancelled: 0, other: 0 },
      { day: "2026-11-12", showed: 0, noshow: 0, cancelled: 0, other: 1 },
      { day: "2026-11-13", showed: 0, noshow: 1, cancelled: 0, other: 0 },
      { day: "2026-11-16", showed: 1, noshow: 0, cancelled: 0, other: 0 },
      { day: "2026-11-18", showed: 1, noshow: 0, cancelled: 0, other: 0 },
    ]);
  });
});
