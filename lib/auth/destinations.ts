import "server-only";
import { systemDb } from "@/lib/db/system";
import { can, ROLE_LABELS } from "@/lib/auth/permissions";

export interface Destination {
  href: string;
  title: string;
  detail: string;
}

/** Where a user can go after signing in: the platform, agency dashboards, or their clinics' pages. */
export async function listDestinations(userId: string): Promise<Destination[]> {
  const members = await systemDb("auth.membership").member.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    include: {
      organization: { select: { name: true, slug: true, type: true } },
      clinics: { include: { location: { select: { id: true, name: true } } } },
    },
  });
  return members.flatMap((member): Destination[] => {
    const { organization } = member;
    if (member.role === "platform_admin") {
      return organization.type === "platform" ? [{ href: "/platform", title: "Platform admin", detail: organization.name }] : [];
    }
    if (member.role === "clinic_staff") {
      return member.clinics
        .map(({ location }) => ({
          href: `/agency/${organization.slug}/clinic/${location.id}`,
          title: location.name,
          detail: `${organization.name} · ${ROLE_LABELS.clinic_staff}`,
        }))
        .sort((a, b) => a.title.localeCompare(b.title));
    }
    return [{ href: `/agency/${organization.slug}/admin`, title: organization.name, detail: ROLE_LABELS[member.role] }];
  });
}

/** Where "back" leads a signed-in person: their one place, or the chooser when they have several. */
export async function homeDestination(userId: string): Promise<Pick<Destination, "href" | "title">> {
  const destinations = await listDestinations(userId);
  if (destinations.length === 1) return { href: destinations[0]!.href, title: destinations[0]!.title };
  return { href: "/select-agency", title: "your agencies and clinics" };
}

/** The agencies where the user may manage integrations (owners): a Marketplace install can join one of these. */
export async function listManagedAgencies(userId: string): Promise<Array<{ slug: string; name: string }>> {
  const members = await systemDb("auth.membership").member.findMany({
    where: { userId, organization: { type: "agency" } },
    orderBy: { createdAt: "asc" },
    include: { organization: { select: { name: true, slug: true } } },
  });
  return members.filter((m) => m.role !== "platform_admin" && can(m.role, "integrations.manage")).map((m) => ({ slug: m.organization.slug, name: m.organization.name }));
}
