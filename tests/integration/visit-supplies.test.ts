import { beforeAll, describe, expect, it } from "vitest";
import { forOrg } from "@/lib/db";
import { NotFoundError, UserError } from "@/lib/errors";
import { logVisitUsage, type InventoryActor } from "@/lib/inventory/movements";
import { findVisitSupplies } from "@/lib/clinic/visit-supplies";
import { prisma, resetDatabase } from "../support/db";
import { seedInventoryItem, stockViews } from "../support/inventory";
import { seedAgency, type SeededAgency } from "../support/tenants";

let agency: SeededAgency;
let staff: InventoryActor;

beforeAll(async () => {
  await resetDatabase();
  agency = await seedAgency("visit");
  staff = { db: forOrg(agency.organization.id), clinicIds: [agency.clinics[0].id], user: { id: agency.staff.user.id } };
});

async function appointmentAt(locationId: string, title: string, calendarName?: string) {
  const organizationId = agency.organization.id;
  const calendarId = calendarName ? `cal-${Math.random().toString(36).slice(2)}` : null;
  if (calendarName && calendarId) await prisma.calendar.create({ data: { organizationId, locationId, ghlCalendarId: calendarId, name: calendarName } });
  const start = new Date(Date.now() + 30 * 60_000);
  return prisma.appointment.create({
    data: {
      organizationId,
      locationId,
      externalId: `visit-${Math.random().toString(36).slice(2)}`,
      calendarId,
      contactId: agency.contacts[0]!.id,
      title,
      status: "confirmed",
      startTime: start,
      endTime: new Date(start.getTime() + 3_600_000),
      externalUpdatedAt: new Date(),
    },
  });
}

describe("a visit's supplies", () => {
  it("come from the matching service's bill of supplies, against the clinic's own items", async () => {
    const clinic = agency.clinics[0];
    const { item: saline } = await seedInventoryItem(clinic, { sku: "NS-1000", name: "Saline 1000 mL", onHand: 20 });
    const { item: kit } = await seedInventoryItem(clinic, { sku: "IV-KIT", name: "IV start kit", onHand: 20 });
    await prisma.service.create({
      data: {
        organizationId: agency.organization.id,
        name: "Myers' Cocktail",
        match: "myers",
        supplies: { create: [{ sku: "NS-1000", quantity: 1 }, { sku: "iv-kit", quantity: 2 }, { sku: "B12-VIAL", quantity: 1 }] },
      },
    });
    const visit = await appointmentAt(clinic.id, "Drip", "Myers' Cocktail chairs");
    const items = await prisma.inventoryItem.findMany({ where: { locationId: clinic.id } });
    const supplies = await findVisitSupplies(staff, clinic, visit.id, items);
    expect(supplies).toMatchObject({
      appointmentId: visit.id,
      service: "Myers' Cocktail",
      lines: [
        { itemId: saline.id, quantity: 1 },
        { itemId: kit.id, quantity: 2 },
      ],
      missing: ["B12-VIAL"],
    });
    // Another clinic's appointment is not this clinic's visit.
    const elsewhere = await appointmentAt(agency.clinics[1].id, "Myers' drip");
    expect(await findVisitSupplies(staff, clinic, elsewhere.id, items)).toBeNull();
    // No service matches: no lines, and the page says so.
    const plain = await appointmentAt(clinic.id, "Consultation");
    expect(await findVisitSupplies(staff, clinic, plain.id, items)).toMatchObject({ service: null, lines: [] });
  });

  it("are logged together against the visit, or not at all", async () => {
    const clinic = agency.clinics[0];
    const { item: a } = await seedInventoryItem(clinic, { onHand: 5 });
    const { item: b } = await seedInventoryItem(clinic, { onHand: 1 });
    const visit = await appointmentAt(clinic.id, "Hydration");

    // One line short of stock: nothing is logged.
    await expect(logVisitUsage(staff, { appointmentId: visit.id, lines: [{ itemId: a.id, quantity: 2 }, { itemId: b.id, quantity: 3 }] })).rejects.toThrow(UserError);
    expect(await stockViews(a.id)).toEqual({ item: 5, lots: 5, ledger: 5 });
    expect(await stockViews(b.id)).toEqual({ item: 1, lots: 1, ledger: 1 });

    expect(await logVisitUsage(staff, { appointmentId: visit.id, lines: [{ itemId: a.id, quantity: 2 }, { itemId: b.id, quantity: 1 }] })).toEqual({ appointmentId: visit.id, lines: 2, units: 3 });
    expect(await stockViews(a.id)).toEqual({ item: 3, lots: 3, ledger: 3 });
    expect(await stockViews(b.id)).toEqual({ item: 0, lots: 0, ledger: 0 });
    expect(await prisma.inventoryTransaction.count({ where: { appointmentId: visit.id, kind: "usage" } })).toBe(2);

    await expect(logVisitUsage(staff, { appointmentId: visit.id, lines: [{ itemId: a.id, quantity: 1 }, { itemId: a.id, quantity: 1 }] })).rejects.toThrow("Each supply can appear once per visit.");
    // Clinic staff cannot log against a visit at a clinic they are not assigned to, nor another clinic's item.
    const elsewhere = await appointmentAt(agency.clinics[1].id, "Hydration");
    await expect(logVisitUsage(staff, { appointmentId: elsewhere.id, lines: [{ itemId: a.id, quantity: 1 }] })).rejects.toThrow(NotFoundError);
    const { item: other } = await seedInventoryItem(agency.clinics[1], { onHand: 5 });
    await expect(logVisitUsage(staff, { appointmentId: visit.id, lines: [{ itemId: other.id, quantity: 1 }] })).rejects.toThrow(NotFoundError);
    expect(await stockViews(other.id)).toEqual({ item: 5, lots: 5, ledger: 5 });
  });
});
