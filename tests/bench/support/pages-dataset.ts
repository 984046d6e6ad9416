import type { PrismaClient } from "@/lib/generated/prisma/client";

/**
 * The bench:pages dataset: one agency with three clinics in three timezones, `contacts` contacts
 * spread over them and the last year, and a year of appointments ending 30 days ahead
 * (`appointmentsPerClinicPerDay` per clinic a day, outcomes in a fixed rotation); another agency
 * holds as many contacts, so row-level security has something to filter.
 */
const FIRST = ["Ava", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hugo", "Iris", "Jon", "Kira", "Leo", "Maya", "Nico", "Olga", "Pia", "Quinn", "Rosa", "Sam", "Tara"];
const LAST = ["Abbott", "Baker", "Castro", "Dunn", "Ellis", "Flores", "Gupta", "Hayes", "Ito", "Jensen", "Khan", "Lopez", "Meyer", "Novak", "Ortiz", "Price", "Reyes", "Stone", "Tran", "Weber"];
const sqlArray = (values: string[]) => `ARRAY[${values.map((v) => `'${v}'`).join(",")}]`;

export async function seedPagesDataset(prisma: PrismaClient, options: { contacts: number; appointmentsPerClinicPerDay: number }) {
  const CONTACTS = options.contacts;
  const APPOINTMENTS_PER_CLINIC_PER_DAY = options.appointmentsPerClinicPerDay;
  const seedStart = Date.now();
  const org = await prisma.organization.create({ data: { name: "Bench agency", slug: "bench-pages", type: "agency" } });
  const other = await prisma.organization.create({ data: { name: "Other agency", slug: "bench-other", type: "agency" } });
  const zones = ["America/Chicago", "America/Denver", "America/New_York"];
  const clinics = await Promise.all(
    zones.map((timezone, i) => prisma.location.create({ data: { organizationId: org.id, ghlLocationId: `bench-loc-${i}`, name: `Clinic ${i + 1}`, timezone } })),
  );
  const otherClinic = await prisma.location.create({ data: { organizationId: other.id, ghlLocationId: "bench-other", name: "Other", timezone: "UTC" } });
  const clinicIds = sqlArray(clinics.map((c) => c.id));
  // Contacts: spread over the clinics and the last year; another agency holds as many, so RLS has something to filter.
  for (const [orgId, locations, prefix] of [[org.id, clinicIds, "c"], [other.id, sqlArray([otherClinic.id]), "o"]] as const) {
    await prisma.$executeRawUnsafe(`
      INSERT INTO "Contact" ("id", "organizationId", "locationId", "ghlContactId", "firstName", "lastName", "email", "phone", "tags", "dateAdded", "ghlUpdatedAt", "updatedAt")
      SELECT '${prefix}-' || g, '${orgId}', (${locations})[1 + g % array_length(${locations}, 1)], 'ghl-${prefix}-' || g,
             (${sqlArray(FIRST)})[1 + g % 20], (${sqlArray(LAST)})[1 + (g / 20) % 20] || CASE WHEN g % 7 = 0 THEN '-' || (g % 1000) ELSE '' END,
             lower((${sqlArray(FIRST)})[1 + g % 20]) || '.' || g || '@example.com', '+1512555' || lpad((g % 10000)::text, 4, '0'),
             CASE WHEN g % 5 = 0 THEN ARRAY['vip'] WHEN g % 5 = 1 THEN ARRAY['membership', 'hydration'] ELSE ARRAY[]::text[] END,
             now() - (g % 365) * interval '1 day', now(), now()
      FROM generate_series(1, ${CONTACTS}) AS g`);
  }
  // A year of appointments ending 30 days ahead, each clinic APPOINTMENTS_PER_CLINIC_PER_DAY a day.
  const perDay = APPOINTMENTS_PER_CLINIC_PER_DAY * clinics.length;
  await prisma.$executeRawUnsafe(`
    INSERT INTO "Appointment" ("id", "organizationId", "locationId", "externalId", "contactId", "title", "status", "startTime", "endTime", "externalUpdatedAt", "updatedAt")
    SELECT 'a-' || g, '${org.id}', (${clinicIds})[1 + g % ${clinics.length}], 'ghl-a-' || g, 'c-' || (1 + (g * 7919) % ${CONTACTS}), 'IV therapy',
           (ARRAY['showed','showed','showed','noshow','cancelled','confirmed','new'])[1 + g % 7]::"AppointmentStatus",
           date_trunc('day', now()) + interval '30 days' - (g / ${perDay}) * interval '1 day' + (g % 10) * interval '1 hour',
           date_trunc('day', now()) + interval '30 days' - (g / ${perDay}) * interval '1 day' + (g % 10) * interval '1 hour' + interval '45 minutes',
           now(), now()
    FROM generate_series(0, ${perDay * 365 - 1}) AS g`);
  // Steady state, as after autovacuum: planner statistics, the visibility map (index-only counts) and GIN pending lists folded in.
  await prisma.$executeRawUnsafe(`VACUUM ANALYZE`);
  const appointments = await prisma.appointment.count({ where: { organizationId: org.id } });
  console.log(`seeded ${CONTACTS.toLocaleString("en-US")} contacts (and as many in another agency) and ${appointments.toLocaleString("en-US")} appointments in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`);

  return { org, other, clinics, contactCount: CONTACTS };
}
