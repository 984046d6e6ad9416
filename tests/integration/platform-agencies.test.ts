import { beforeAll, describe, expect, it } from "vitest";
import { billingStateOf, subscriptionStateWhere, SUBSCRIPTION_STATES } from "@/lib/billing/entitlements";
import { AGENCY_PAGE_SIZE, listAgencyPage, ZAgencyListFilter } from "@/lib/platform/agency-list";
import { recordAudit, stampActivity } from "@/lib/audit/audit";
import type { Prisma } from "@/lib/generated/prisma/client";
import { prisma, resetDatabase } from "../support/db";

/**
 * The /platform agency list asks the database: search, billing state and sync filters, 50 a
 * page, totals over every agency whatever the filter, and each agency's last activity from its
 * own column. The billing-state filter must agree with the entitlement decision row for row.
 */

const DAY = 86_400_000;
const now = new Date();
const at = (ms: number) => new Date(now.getTime() + ms);
const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));

const STATE_FIXTURES: Array<Partial<Prisma.OrganizationCreateManyInput> & { id: string }> = [
  { id: "own-trial", trialEndsAt: at(5 * DAY) },
  { id: "own-trial-last-ms", trialEndsAt: at(1) },
  { id: "own-trial-ends-now", trialEndsAt: now },
  { id: "own-trial-ended", trialEndsAt: at(-DAY), subscriptionStatus: "active" },
  { id: "own-trial-none", trialEndsAt: null },
  { id: "stripe-trial", stripeSubscriptionId: "sub_t1", subscriptionStatus: "trialing", trialEndsAt: at(3 * DAY), billingPlan: "starter" },
  { id: "stripe-trial-no-end", stripeSubscriptionId: "sub_t2", subscriptionStatus: "trialing", trialEndsAt: null },
  { id: "stripe-trial-ended", stripeSubscriptionId: "sub_t3", subscriptionStatus: "trialing", trialEndsAt: at(-1) },
  { id: "active", stripeSubscriptionId: "sub_a", subscriptionStatus: "active", trialEndsAt: null, mrrCents: 14_900, billingPlan: "starter" },
  { id: "past-due", stripeSubscriptionId: "sub_p1", subscriptionStatus: "past_due", trialEndsAt: null, pastDueSince: at(-6 * DAY), mrrCents: 39_900 },
  { id: "past-due-unknown-since", stripeSubscriptionId: "sub_p2", subscriptionStatus: "past_due", trialEndsAt: null, pastDueSince: null, mrrCents: 1_000 },
  { id: "grace-over", stripeSubscriptionId: "sub_p3", subscriptionStatus: "past_due", trialEndsAt: null, pastDueSince: at(-8 * DAY), mrrCents: 2_000 },
  { id: "canceled-this-month", stripeSubscriptionId: "sub_c1", subscriptionStatus: "canceled", trialEndsAt: null, subscriptionEndedAt: monthStart },
  { id: "canceled-last-month", stripeSubscriptionId: "sub_c2", subscriptionStatus: "canceled", trialEndsAt: null, subscriptionEndedAt: new Date(monthStart.getTime() - 1) },
  { id: "expired-this-month", stripeSubscriptionId: "sub_c3", subscriptionStatus: "incomplete_expired", trialEndsAt: null, subscriptionEndedAt: now },
  { id: "unpaid", stripeSubscriptionId: "sub_u", subscriptionStatus: "unpaid", trialEndsAt: null },
  { id: "paused", stripeSubscriptionId: "sub_z", subscriptionStatus: "paused", trialEndsAt: null },
  { id: "incomplete", stripeSubscriptionId: "sub_i", subscriptionStatus: "incomplete", trialEndsAt: null },
];
const PAGE_AGENCIES = 55;
const pageId = (n: number) => `page-${String(n).padStart(2, "0")}`;

beforeAll(async () => {
  await resetDatabase();
  await prisma.organization.createMany({
    data: [
      ...STATE_FIXTURES.map((f) => ({ name: `State ${f.id}`, slug: `state-${f.id}`, type: "agency" as const, ...f })),
      ...Array.from({ length: PAGE_AGENCIES }, (_, n) => ({
        id: pageId(n),
        name: `Page Agency ${String(n).padStart(2, "0")}`,
        slug: pageId(n),
        type: "agency" as const,
        // Three of them past Sidecar's own trial, for filters that combine.
        trialEndsAt: n < 3 ? at(-DAY) : at(10 * DAY),
      })),
      { id: "the-platform", name: "Platform", slug: "the-platform", type: "platform" as const },
    ],
  });
  // Page agency 07: one failing clinic and one still pending (pending is not failing), Ask tokens this month.
  const failing = await prisma.location.create({ data: { organizationId: pageId(7), ghlLocationId: "ghl-failing", name: "Failing clinic", timezone: "America/Chicago" } });
  const pending = await prisma.location.create({ data: { organizationId: pageId(8), ghlLocationId: "ghl-pending", name: "Pending clinic", timezone: "America/Chicago" } });
  await prisma.locationSync.createMany({
    data: [
      { locationId: failing.id, organizationId: pageId(7), health: "error" },
      { locationId: pending.id, organizationId: pageId(8), health: "pending" },
    ],
  });
  await prisma.askUsage.createMany({
    data: [
      { organizationId: pageId(7), month: now.toISOString().slice(0, 7), inputTokens: 1_200, outputTokens: 300, questions: 4 },
      { organizationId: pageId(7), month: "2020-01", inputTokens: 99_999, outputTokens: 1, questions: 1 },
    ],
  });
});

describe("the /platform agency list", () => {
  it("filters by billing state in SQL exactly as the entitlement decides, for every state and at the boundary instant", async () => {
    const agencies = await prisma.organization.findMany({ where: { type: "agency" } });
    for (const state of SUBSCRIPTION_STATES) {
      const inMemory = agencies.filter((a) => billingStateOf(a, now) === state).map((a) => a.id).sort();
      const inSql = (await prisma.organization.findMany({ where: { type: "agency", ...subscriptionStateWhere(state, now) }, select: { id: true } })).map((a) => a.id).sort();
      expect(inSql, state).toEqual(inMemory);
      expect(inMemory.length, `${state} has a fixture`).toBeGreaterThan(0);
      expect((await listAgencyPage(ZAgencyListFilter.parse({ state }), now)).matching, state).toBe(inMemory.length);
    }
    expect(billingStateOf(agencies.find((a) => a.id === "own-trial-last-ms")!, now)).toBe("trialing");
    expect(billingStateOf(agencies.find((a) => a.id === "own-trial-ends-now")!, now)).toBe("trial_expired");
  });

  it("pages 50 at a time by name, with search and filters combined in SQL and the totals over every agency", async () => {
    const all = STATE_FIXTURES.length + PAGE_AGENCIES;
    const first = await listAgencyPage(ZAgencyListFilter.parse({ q: "  PAGE agency " }), now);
    expect(first).toMatchObject({ matching: PAGE_AGENCIES, all, page: 1, pages: 2 });
    expect(first.rows).toHaveLength(AGENCY_PAGE_SIZE);
    expect(first.rows.map((r) => r.id)).toEqual(Array.from({ length: AGENCY_PAGE_SIZE }, (_, n) => pageId(n)));
    const second = await listAgencyPage(ZAgencyListFilter.parse({ q: "page agency", page: "2" }), now);
    expect(second.rows.map((r) => r.id)).toEqual(Array.from({ length: PAGE_AGENCIES - AGENCY_PAGE_SIZE }, (_, n) => pageId(AGENCY_PAGE_SIZE + n)));
    // Past the last page: the last page. A hostile page number: the first.
    expect((await listAgencyPage(ZAgencyListFilter.parse({ q: "page agency", page: "9" }), now)).page).toBe(2);
    expect((await listAgencyPage(ZAgencyListFilter.parse({ q: "page agency", page: "-3" }), now)).page).toBe(1);
    // The slug matches too; filters combine.
    expect((await listAgencyPage(ZAgencyListFilter.parse({ q: "page-0" }), now)).matching).toBe(10);
    // LIKE's wildcards are matched as typed: "_" is not any character, "%" is not anything.
    expect((await listAgencyPage(ZAgencyListFilter.parse({ q: "page_0" }), now)).matching).toBe(0);
    expect((await listAgencyPage(ZAgencyListFilter.parse({ q: "%" }), now)).matching).toBe(0);
    const expired = await listAgencyPage(ZAgencyListFilter.parse({ q: "page agency", state: "trial_expired" }), now);
    expect(expired.rows.map((r) => r.id)).toEqual([pageId(0), pageId(1), pageId(2)]);
    const failing = await listAgencyPage(ZAgencyListFilter.parse({ sync: "failing" }), now);
    expect(failing.rows.map((r) => r.id)).toEqual([pageId(7)]);
    expect(failing.rows[0]).toMatchObject({ clinicCount: 1, memberCount: 0, failingClinics: 1, askTokensThisMonth: 1_500, line: { state: "trialing", status: null } });

    // Totals count every agency, whatever the filter and the page.
    const expected = { mrrCents: 14_900 + 39_900 + 1_000 + 2_000, paying: 4, pastDue: 3, churnedThisMonth: 2, trials: 4 + (PAGE_AGENCIES - 3) };
    expect(first.totals).toEqual(expected);
    const none = await listAgencyPage(ZAgencyListFilter.parse({ q: "no such agency" }), now);
    expect(none).toMatchObject({ matching: 0, all, rows: [], totals: expected });
  });

  it("reads each agency's last activity from its column, stamped when audit entries are written, at most once a minute", async () => {
    const id = pageId(20);
    await recordAudit({ organizationId: id, actorUserId: null, action: "contacts.update" });
    const stamped = (await prisma.organization.findUniqueOrThrow({ where: { id } })).lastActivityAt!;
    expect(stamped).toBeInstanceOf(Date);
    const row = (await listAgencyPage(ZAgencyListFilter.parse({ q: "page agency 20" }), now)).rows[0]!;
    expect(row.lastActivityAt).toEqual(stamped);
    // Within the minute: no write. After it: the newer time.
    await stampActivity(id, new Date(stamped.getTime() + 30_000));
    expect((await prisma.organization.findUniqueOrThrow({ where: { id } })).lastActivityAt).toEqual(stamped);
    const later = new Date(stamped.getTime() + 61_000);
    await stampActivity(id, later);
    expect((await prisma.organization.findUniqueOrThrow({ where: { id } })).lastActivityAt).toEqual(later);
    // Entries of the platform itself belong to no agency and stamp none.
    const untouched = await prisma.organization.findMany({ where: { lastActivityAt: { not: null } }, select: { id: true } });
    await recordAudit({ organizationId: null, actorUserId: null, action: "platform.create-agency" });
    expect(await prisma.organization.findMany({ where: { lastActivityAt: { not: null } }, select: { id: true } })).toEqual(untouched);
  });

  it("reads the agency list's filters from a link, unknown values as none", () => {
    expect(ZAgencyListFilter.parse({ q: "  Agency A ", state: "bogus", sync: "failing", page: "x" })).toEqual({ q: "agency a", state: undefined, sync: "failing", page: 1 });
    // "unbilled" is not a state an agency's facts can have (it means billing is off on this Sidecar).
    expect(ZAgencyListFilter.parse({ state: "unbilled" }).state).toBeUndefined();
  });
});
