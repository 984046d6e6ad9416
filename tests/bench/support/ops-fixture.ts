import type { PrismaClient } from "@/lib/generated/prisma/client";

/**
 * One agency at the size the queue is built for: CLINICS clinics, each booking
 * APPOINTMENTS_PER_MONTH appointments a month (16 weeks back, for the clinic trends, and 4 weeks
 * ahead) and stocking ITEMS items with lots and four weeks of daily usage. A realistic share of
 * problems: a few clinics failing or stale, items running low, lots expiring, a recalled lot,
 * unconfirmed visits in the next 48 hours. Written with set-based SQL, so seeding takes seconds.
 */
export const OPS_CLINICS = Number(process.env.BENCH_OPS_CLINICS ?? 50);
export const OPS_APPOINTMENTS_PER_MONTH = Number(process.env.BENCH_OPS_APPOINTMENTS_PER_MONTH ?? 2_000);
export const OPS_ITEMS = Number(process.env.BENCH_OPS_ITEMS ?? 200);

const ZONES = ["America/Chicago", "America/Denver", "America/New_York", "America/Los_Angeles", "America/Phoenix"];
const SERVICES = [
  { name: "Myers' Cocktail", match: "myers", price: 17_500, skus: [1, 2, 3] },
  { name: "NAD+ infusion", match: "nad", price: 45_000, skus: [1, 2, 4] },
  { name: "Hydration drip", match: "hydration", price: 12_900, skus: [5, 2] },
  { name: "Glutathione push", match: "glutathione", price: 9_900, skus: [6] },
  { name: "Immunity drip", match: "immunity", price: 19_900, skus: [1, 2, 7, 8] },
];
const TITLES = ["Myers' Cocktail", "NAD+ infusion", "Hydration drip", "Glutathione push", "Immunity drip", "Consultation"];
const sku = (n: number) => `SKU-${String(n).padStart(3, "0")}`;
const sqlArray = (values: string[]) => `ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(",")}]`;

export async function seedOpsAgency(prisma: PrismaClient, slug = "bench-ops") {
  const org = await prisma.organization.create({ data: { name: "Bench ops agency", slug, type: "agency" } });
  const organizationId = org.id;
  await prisma.ghlConnection.create({
    data: { organizationId, companyId: `bench-${slug}`, scopes: "", accessTokenSealed: "x", refreshTokenSealed: "x", accessTokenExpiresAt: new Date(Date.now() + 86_400_000) },
  });
  await prisma.location.createMany({
    data: Array.from({ length: OPS_CLINICS }, (_, i) => ({
      id: `${slug}-loc-${i}`,
      organizationId,
      ghlLocationId: `${slug}-ghl-${i}`,
      name: `Clinic ${String(i + 1).padStart(2, "0")}`,
      timezone: ZONES[i % ZONES.length]!,
      createdAt: new Date(Date.now() - 200 * 86_400_000),
    })),
  });
  const clinicIds = Array.from({ length: OPS_CLINICS }, (_, i) => `${slug}-loc-${i}`);
  const clinics = sqlArray(clinicIds);
  // Sync: most healthy; every 10th failing, every 17th stale, every 13th with drift.
  await prisma.$executeRawUnsafe(`
    INSERT INTO "LocationSync" ("locationId", "organizationId", "health", "lastSyncedAt", "lastError", "consecutiveFailures", "lastDriftCount", "reconciledAt", "updatedAt")
    SELECT (${clinics})[g], '${organizationId}',
           (CASE WHEN g % 10 = 0 THEN 'error' ELSE 'healthy' END)::"SyncHealth",
           now() - CASE WHEN g % 17 = 0 THEN interval '5 hours' ELSE interval '6 minutes' END,
           CASE WHEN g % 10 = 0 THEN 'GHL GET /calendars/events answered 503: Service Unavailable' END,
           CASE WHEN g % 10 = 0 THEN 3 ELSE 0 END,
           CASE WHEN g % 13 = 0 THEN 40 ELSE 0 END, now() - interval '8 hours', now()
    FROM generate_series(1, ${OPS_CLINICS}) AS g`);
  await prisma.service.createMany({ data: SERVICES.map((s, i) => ({ id: `${slug}-svc-${i}`, organizationId, name: s.name, match: s.match, priceCents: s.price })) });
  await prisma.serviceSupply.createMany({
    data: SERVICES.flatMap((s, i) => s.skus.map((n) => ({ id: `${slug}-ss-${i}-${n}`, organizationId, serviceId: `${slug}-svc-${i}`, sku: sku(n), quantity: 1 }))),
  });
  // Appointments: per clinic APPOINTMENTS_PER_MONTH a month, from 16 weeks back to 4 weeks ahead.
  const days = 20 * 7;
  const perClinic = Math.round((OPS_APPOINTMENTS_PER_MONTH * days) / 30);
  await prisma.$executeRawUnsafe(`
    INSERT INTO "Appointment" ("id", "organizationId", "locationId", "externalId", "title", "status", "startTime", "endTime", "externalUpdatedAt", "updatedAt")
    SELECT '${slug}-a-' || c || '-' || g, '${organizationId}', (${clinics})[c], '${slug}-ext-' || c || '-' || g,
           (${sqlArray(TITLES)})[1 + (g * 7 + c) % ${TITLES.length}],
           (CASE WHEN t > now()
                 THEN (ARRAY['confirmed','confirmed','new','cancelled'])[1 + (g + c) % 4]
                 ELSE (ARRAY['showed','showed','showed','showed','noshow','cancelled','confirmed','showed'])[1 + (g + c) % 8] END)::"AppointmentStatus",
           t, t + interval '45 minutes', now(), now()
    FROM generate_series(1, ${OPS_CLINICS}) AS c, generate_series(0, ${perClinic - 1}) AS g,
         LATERAL (SELECT date_trunc('day', now()) - interval '${16 * 7} days' + (g * ${days * 24 * 60}::float / ${perClinic}) * interval '1 minute' AS t) AS s`);
  // Items: ITEMS per clinic; on-hand from plenty to nothing; a usage rate per item.
  await prisma.$executeRawUnsafe(`
    INSERT INTO "InventoryItem" ("id", "organizationId", "locationId", "sku", "name", "category", "unit", "costCents", "supplier", "reorderPoint", "parLevel", "onHand", "createdAt", "updatedAt")
    SELECT '${slug}-i-' || c || '-' || n, '${organizationId}', (${clinics})[c], 'SKU-' || lpad(n::text, 3, '0'), 'Supply ' || n, 'Supplies', 'units', 300 + n, 'Supplier ' || (n % 7),
           10, 60, CASE WHEN (n + c) % 23 = 0 THEN 0 WHEN (n + c) % 11 = 0 THEN 4 ELSE 40 + (n % 30) END,
           now() - interval '120 days', now()
    FROM generate_series(1, ${OPS_CLINICS}) AS c, generate_series(1, ${OPS_ITEMS}) AS n`);
  // One lot per item holding its stock; every 29th expiring within 30 days; lot 'RCL-7' recalled.
  await prisma.$executeRawUnsafe(`
    INSERT INTO "InventoryLot" ("id", "organizationId", "itemId", "lotNumber", "expiresOn", "onHand", "receivedAt")
    SELECT i."id" || '-lot', '${organizationId}', i."id", CASE WHEN i."sku" = 'SKU-007' THEN 'RCL-7' ELSE 'L' || substr(i."id", length('${slug}-i-') + 1) END,
           (CASE WHEN hashtext(i."id") % 29 = 0 THEN now() + interval '12 days' ELSE now() + interval '300 days' END)::date, i."onHand", now() - interval '120 days'
    FROM "InventoryItem" i WHERE i."organizationId" = '${organizationId}'`);
  await prisma.lotRecall.create({ data: { organizationId, lotNumber: "RCL-7", reason: "Manufacturer recall notice" } });
  // Four weeks of daily usage per item (0–3 units a day).
  await prisma.$executeRawUnsafe(`
    INSERT INTO "InventoryTransaction" ("id", "organizationId", "locationId", "itemId", "lotId", "kind", "quantity", "onHandAfter", "createdAt")
    SELECT i."id" || '-u-' || d, '${organizationId}', i."locationId", i."id", i."id" || '-lot', 'usage', -(1 + abs(hashtext(i."id" || d)) % 3), i."onHand", now() - d * interval '1 day'
    FROM "InventoryItem" i, generate_series(1, 28) AS d WHERE i."organizationId" = '${organizationId}'`);
  await prisma.$executeRawUnsafe(`ANALYZE`);
  const [appointments, items, usage] = await Promise.all([
    prisma.appointment.count({ where: { organizationId } }),
    prisma.inventoryItem.count({ where: { organizationId } }),
    prisma.inventoryTransaction.count({ where: { organizationId } }),
  ]);
  return { organization: { id: organizationId, slug }, appointments, items, usage };
}
