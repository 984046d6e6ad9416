import type { Prisma } from "@/lib/generated/prisma/client";
import { DEMO_AGENCY } from "@/scripts/demo/data";

/** Austin's vitamin B12 lot (scripts/demo/inventory.ts numbers it from the SKU and the clinic). */
export const DEMO_RECALLED_LOT = "B1224B100";

/**
 * The queue's demo data: the services the clinics sell with their bills of supplies and prices
 * (so booked drips drive the reorder forecast and unconfirmed visits show their value), and a
 * recall of one lot still in stock. The findings themselves come from the detectors, which run
 * after every sync tick (`npm run dev` and the e2e server run one as soon as the app answers).
 */
export function demoOps() {
  const organizationId = DEMO_AGENCY.id;
  const services: Prisma.ServiceCreateManyInput[] = [
    { id: "svc_myers", organizationId, name: "Myers' Cocktail", match: "myers", priceCents: 17_500 },
    { id: "svc_nad", organizationId, name: "NAD+ infusion", match: "nad", priceCents: 45_000 },
    { id: "svc_hydration", organizationId, name: "Hydration drip", match: "hydration", priceCents: 12_900 },
    { id: "svc_glow", organizationId, name: "Glutathione glow", match: "glutathione", priceCents: 9_900 },
  ];
  const supplies: Prisma.ServiceSupplyCreateManyInput[] = [
    ["svc_myers", "NS-1000", 1], ["svc_myers", "IVS-22", 1], ["svc_myers", "B12-1ML", 1],
    ["svc_nad", "NS-1000", 1], ["svc_nad", "IVS-22", 1], ["svc_nad", "NAD-500", 1],
    ["svc_hydration", "LR-1000", 1], ["svc_hydration", "IVS-22", 1],
    ["svc_glow", "GLU-200", 1],
  ].map(([serviceId, sku, quantity]) => ({ id: `ss_${serviceId}_${sku}`, organizationId, serviceId: serviceId as string, sku: sku as string, quantity: quantity as number }));
  // A manufacturer's recall of the vitamin B12 lot Austin still holds: the queue offers to quarantine it.
  const recalls: Prisma.LotRecallCreateManyInput[] = [
    { id: "rcl_b12_austin", organizationId, lotNumber: DEMO_RECALLED_LOT, reason: "Manufacturer recall R-2026-118: particulate matter found in vials of this lot", createdByUserId: "usr_agency_admin" },
  ];
  return { services, supplies, recalls };
}
