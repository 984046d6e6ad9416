import "server-only";
import { likeLiteral } from "@/lib/db/like";
import { z } from "zod";
import { SUBSCRIPTION_STATES, subscriptionStateWhere } from "@/lib/billing/entitlements";
import { AGENCY_BILLING_SELECT, agencyBillingLine, billingTotalsWhere, type BillingTotals } from "@/lib/billing/platform";
import { systemDb } from "@/lib/db/system";
import type { Prisma } from "@/lib/generated/prisma/client";
import { searchText } from "@/lib/http/search-params";

export const AGENCY_PAGE_SIZE = 50;

/** Sync health that counts as a failing clinic on the agency list (pending is not failing yet). */
const FAILING = ["error", "disconnected", "degraded"] as const;

/** The /platform agency list's search, filters and page; anything unreadable means "no filter". */
export const ZAgencyListFilter = z.object({
  q: searchText(100, { lowercase: true }),
  state: z.enum(SUBSCRIPTION_STATES).optional().catch(undefined),
  sync: z.enum(["failing"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
});
export type TAgencyListFilter = z.output<typeof ZAgencyListFilter>;

export function agencyListWhere(filter: TAgencyListFilter, now: Date): Prisma.OrganizationWhereInput {
  const and: Prisma.OrganizationWhereInput[] = [];
  if (filter.q) {
    const contains = likeLiteral(filter.q);
    and.push({ OR: [{ name: { contains, mode: "insensitive" } }, { slug: { contains, mode: "insensitive" } }] });
  }
  if (filter.state) and.push(subscriptionStateWhere(filter.state, now));
  if (filter.sync === "failing") and.push({ locations: { some: { sync: { is: { health: { in: [...FAILING] } } } } } });
  return { type: "agency", AND: and };
}

/**
 * One page of agencies (by name) matching the filter, each with its billing line, clinics,
 * members, failing clinics, this month's Ask tokens and last activity; how many match; and the
 * totals over every agency, whatever the filter. Everything is asked of the database in one
 * transaction as the platform's oversight need (the counts join tenant tables).
 */
export async function listAgencyPage(filter: TAgencyListFilter, now = new Date()) {
  const where = agencyListWhere(filter, now);
  const month = now.toISOString().slice(0, 7);
  const totalsWhere = billingTotalsWhere(now);
  return systemDb("platform.oversight").transaction(async (tx) => {
    const matching = await tx.organization.count({ where });
    const all = await tx.organization.count({ where: { type: "agency" } });
    const pages = Math.max(1, Math.ceil(matching / AGENCY_PAGE_SIZE));
    const page = Math.min(filter.page, pages);
    const agencies = await tx.organization.findMany({
      where,
      orderBy: [{ name: "asc" }, { id: "asc" }],
      skip: (page - 1) * AGENCY_PAGE_SIZE,
      take: AGENCY_PAGE_SIZE,
      select: { id: true, name: true, slug: true, lastActivityAt: true, ...AGENCY_BILLING_SELECT, _count: { select: { locations: true, members: true } } },
    });
    const ids = agencies.map((a) => a.id);
    const failing = await tx.locationSync.groupBy({ by: ["organizationId"], where: { organizationId: { in: ids }, health: { in: [...FAILING] } }, _count: { _all: true } });
    const usage = await tx.askUsage.groupBy({ by: ["organizationId"], where: { organizationId: { in: ids }, month }, _sum: { inputTokens: true, outputTokens: true } });
    const agency = { type: "agency" as const };
    const mrr = await tx.organization.aggregate({ where: { ...agency, ...totalsWhere.paying }, _sum: { mrrCents: true } });
    const totals: BillingTotals = {
      mrrCents: mrr._sum.mrrCents ?? 0,
      paying: await tx.organization.count({ where: { ...agency, ...totalsWhere.paying } }),
      trials: await tx.organization.count({ where: { ...agency, ...totalsWhere.trials } }),
      pastDue: await tx.organization.count({ where: { ...agency, ...totalsWhere.pastDue } }),
      churnedThisMonth: await tx.organization.count({ where: { ...agency, ...totalsWhere.churnedThisMonth } }),
    };
    const failingBy = new Map(failing.map((f) => [f.organizationId, f._count._all]));
    const tokensBy = new Map(usage.map((u) => [u.organizationId, (u._sum.inputTokens ?? 0) + (u._sum.outputTokens ?? 0)]));
    const rows = agencies.map(({ _count, ...a }) => ({
      id: a.id,
      name: a.name,
      slug: a.slug,
      clinicCount: _count.locations,
      memberCount: _count.members,
      line: agencyBillingLine(a, now),
      failingClinics: failingBy.get(a.id) ?? 0,
      askTokensThisMonth: tokensBy.get(a.id) ?? 0,
      lastActivityAt: a.lastActivityAt,
    }));
    return { rows, matching, all, page, pages, totals };
  });
}
