import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { recordAudit } from "@/lib/audit/audit";
import { requirePlatformPage } from "@/lib/auth/context";
import { getClinicMetrics } from "@/lib/dashboard/metrics";
import { forOrg } from "@/lib/db";
import { unsafeFindAgencyById } from "@/lib/orgs/organizations";
import { listTeam } from "@/lib/team/members";
import { billingOverview, listInvoices, type InvoiceRow } from "@/lib/billing/account";
import { log } from "@/lib/log";
import { billingConfigured } from "@/lib/stripe/client";

/**
 * The page guard for a platform admin looking into one agency: the admin, then the agency
 * (404 when unknown), then one entry in that agency's audit log per page render, so the agency
 * can see that the platform looked in. Cached per request like the other page guards.
 */
export const requirePlatformAgencyPage = cache(async (agencyId: string) => {
  const ctx = await requirePlatformPage();
  const agency = agencyId.length <= 64 ? await unsafeFindAgencyById(agencyId) : null;
  if (!agency) notFound();
  await recordAudit({ organizationId: agency.id, actorUserId: ctx.user.id, action: "platform.view-agency", targetType: "organization", targetId: agency.id });
  return { ctx, agency, db: forOrg(agency.id) };
});

/** What the platform shows of one agency: its clinics with the dashboard's figures, and its members. */
export async function getPlatformAgencyOverview(db: ReturnType<typeof forOrg>) {
  const [clinics, team, lookIns] = await Promise.all([
    getClinicMetrics({ db, clinicIds: null }),
    listTeam({ db }),
    db.impersonation.findMany({
      orderBy: { startedAt: "desc" },
      take: 10,
      select: {
        id: true,
        reason: true,
        startedAt: true,
        expiresAt: true,
        endedAt: true,
        admin: { select: { name: true } },
        member: { select: { user: { select: { name: true } } } },
      },
    }),
  ]);
  return { clinics, members: team.members, lookIns };
}

/** The agency's subscription as Settings → Billing shows it, and its invoices (null when Stripe did not answer). */
export async function getPlatformAgencyBilling(organizationId: string) {
  if (!billingConfigured()) return { configured: false as const };
  const overview = await billingOverview(organizationId);
  let invoices: InvoiceRow[] | null = null;
  try {
    invoices = await listInvoices(organizationId);
  } catch (err) {
    log.error({ err, organizationId }, "could not list invoices for the platform");
  }
  return { configured: true as const, overview, invoices };
}
