import "server-only";
import { getClinicMetrics } from "@/lib/dashboard/metrics";
import type { OrgDb } from "@/lib/db";
import { listTeam } from "@/lib/team/members";
import { billingOverview, listInvoices, type InvoiceRow } from "@/lib/billing/account";
import { log } from "@/lib/log";
import { billingConfigured } from "@/lib/stripe/client";

/** What the platform shows of one agency: its clinics with the dashboard's figures, and its members. */
export async function getPlatformAgencyOverview(db: OrgDb) {
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
