import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db/client";
import type { AgencyRole } from "@/lib/auth/permissions";

/**
 * An agency with two clinics, a contact in each, members of every agency role (the clinic
 * staff member assigned to the first clinic only) and a pending invitation.
 */
export async function seedAgency(label: string) {
  const suffix = `${label}-${randomUUID().slice(0, 6)}`;
  const organization = await prisma.organization.create({
    data: { name: `Agency ${label.toUpperCase()}`, slug: `agency-${suffix}`, type: "agency" },
  });
  const [clinic1, clinic2] = await Promise.all(
    [1, 2].map((n) =>
      prisma.location.create({
        data: { organizationId: organization.id, ghlLocationId: `ghl-${suffix}-${n}`, name: `Clinic ${label}${n}`, timezone: "America/Chicago" },
      }),
    ),
  );
  const now = new Date();
  const contacts = await Promise.all(
    [clinic1!, clinic2!].map((clinic, i) =>
      prisma.contact.create({
        data: {
          organizationId: organization.id,
          locationId: clinic.id,
          ghlContactId: `c-${suffix}-${i}`,
          firstName: `Secret${label}${i}`,
          lastName: "Patient",
          email: `secret.${suffix}.${i}@example.com`,
          dateAdded: now,
          ghlUpdatedAt: now,
        },
      }),
    ),
  );
  const member = async (role: AgencyRole, clinics: string[] = []) => {
    const user = await prisma.user.create({
      data: { name: `${role} ${label}`, email: `${role}.${suffix}@example.com`, emailVerified: true },
    });
    const row = await prisma.member.create({ data: { organizationId: organization.id, userId: user.id, role } });
    if (clinics.length) {
      await prisma.memberLocation.createMany({
        data: clinics.map((locationId) => ({ memberId: row.id, locationId, organizationId: organization.id })),
      });
    }
    return { user, member: row };
  };
  const owner = await member("agency_owner");
  const admin = await member("agency_admin");
  const staff = await member("clinic_staff", [clinic1!.id]);
  const invitation = await prisma.invitation.create({
    data: {
      organizationId: organization.id,
      email: `invitee.${suffix}@example.com`,
      role: "clinic_staff",
      status: "pending",
      expiresAt: new Date(now.getTime() + 86_400_000),
      locationIds: [clinic1!.id],
    },
  });
  return { organization, clinics: [clinic1!, clinic2!] as const, contacts, owner, admin, staff, invitation };
}

export type SeededAgency = Awaited<ReturnType<typeof seedAgency>>;
