import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db/client";

/** Small builders for integration tests: each returns what it created, with unique values. */
export async function seedOrg(overrides: { name?: string; slug?: string } = {}) {
  const suffix = randomUUID().slice(0, 8);
  return prisma.organization.create({
    data: { name: overrides.name ?? `Agency ${suffix}`, slug: overrides.slug ?? `agency-${suffix}`, type: "agency" },
  });
}

export async function seedLocation(organizationId: string, overrides: { name?: string; timezone?: string } = {}) {
  const suffix = randomUUID().slice(0, 8);
  return prisma.location.create({
    data: {
      organizationId,
      ghlLocationId: `ghl-${suffix}`,
      name: overrides.name ?? `Clinic ${suffix}`,
      timezone: overrides.timezone ?? "America/Chicago",
    },
  });
}

export async function seedContact(location: { id: string; organizationId: string }, overrides: { firstName?: string } = {}) {
  const suffix = randomUUID().slice(0, 8);
  const now = new Date();
  return prisma.contact.create({
    data: {
      organizationId: location.organizationId,
      locationId: location.id,
      ghlContactId: `c-${suffix}`,
      firstName: overrides.firstName ?? `Pat ${suffix}`,
      lastName: "Doe",
      email: `pat.${suffix}@example.com`,
      dateAdded: now,
      ghlUpdatedAt: now,
    },
  });
}
