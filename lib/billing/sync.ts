import "server-only";
import { systemDb } from "@/lib/db/system";
import { forOrg } from "@/lib/db";
import { log } from "@/lib/log";
import { sendMail } from "@/lib/mail/send";
import { paymentFailedMail, trialEndingMail } from "@/lib/mail/templates";
import { env } from "@/lib/env";
import { currentSubscription, recordOf } from "@/lib/billing/record";
import { billingPath, billingStateOf, BILLING_FACTS_SELECT } from "@/lib/billing/entitlements";
import { billingConfigured, stripeClient } from "@/lib/stripe/client";
import type { SubscriptionStatus } from "@/lib/generated/prisma/enums";

export { currentSubscription };

/**
 * Stripe is the truth about a subscription; Sidecar keeps one record of it per agency (the
 * Organization's billing columns). Every way in (a webhook of any kind, the success redirect,
 * the nightly pass) calls `syncBilling`, which re-reads the customer's subscription from Stripe
 * and overwrites the record. Events are triggers, never data: their order and duplicates cannot
 * leave a different state.
 */

const DAY = 86_400_000;
/** The "trial ends in 3 days" mail goes out once the end is this close (the nightly pass may run a little late). */
const TRIAL_MAIL_WINDOW_MS = 3 * DAY + DAY / 2;

export type SyncOutcome = { synced: true; status: SubscriptionStatus } | { synced: false; reason: "not_configured" | "no_customer" | "no_subscription" };

/**
 * Re-reads the agency's subscription from Stripe and stores it. Syncs of one agency take turns (a
 * transaction-level advisory lock), so a slow re-read can never land after a newer one.
 */
export async function syncBilling(organizationId: string, now = new Date()): Promise<SyncOutcome> {
  const stripe = stripeClient();
  if (!stripe) return { synced: false, reason: "not_configured" };
  return systemDb("orgs.directory").transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('billing-sync'), hashtext(${organizationId}))`;
      const org = await tx.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { id: true, stripeCustomerId: true, subscriptionStatus: true, pastDueSince: true } });
      if (!org.stripeCustomerId) return { synced: false, reason: "no_customer" } as const;
      const list = await stripe.subscriptions.list({ customer: org.stripeCustomerId, status: "all", limit: 20 });
      const subscription = currentSubscription(list.data);
      if (!subscription) return { synced: false, reason: "no_subscription" } as const;
      const record = recordOf(subscription);
      const pastDueSince = record.subscriptionStatus === "past_due" ? (org.subscriptionStatus === "past_due" && org.pastDueSince ? org.pastDueSince : now) : null;
      await tx.organization.update({ where: { id: organizationId }, data: { ...record, pastDueSince, billingSyncedAt: now } });
      return { synced: true, status: record.subscriptionStatus } as const;
    },
    { timeout: 30_000, maxWait: 30_000 },
  );
}

async function ownerEmails(organizationId: string): Promise<string[]> {
  const owners = await forOrg(organizationId).member.findMany({ where: { role: "agency_owner" }, select: { user: { select: { email: true } } } });
  return owners.map((o) => o.user.email);
}

function billingUrl(slug: string): string {
  return new URL(billingPath(slug), env.APP_URL).toString();
}

/**
 * "Your trial ends in 3 days", once per trial end (Stripe's trial, or Sidecar's own before a first
 * Checkout): claimed by a conditional update before the mail goes out, so the webhook
 * (trial_will_end) and the nightly pass never both send it.
 */
export async function mailTrialEndingOnce(organizationId: string, now = new Date()): Promise<boolean> {
  const directory = systemDb("orgs.directory");
  const org = await directory.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { ...BILLING_FACTS_SELECT, name: true, slug: true, trialEndingMailedFor: true } });
  const trialEnd = org.trialEndsAt;
  if (billingStateOf(org, now) !== "trialing" || !trialEnd) return false;
  if (trialEnd.getTime() - now.getTime() > TRIAL_MAIL_WINDOW_MS) return false;
  const claimed = await directory.organization.updateMany({
    where: { id: organizationId, OR: [{ trialEndingMailedFor: null }, { trialEndingMailedFor: { not: trialEnd } }] },
    data: { trialEndingMailedFor: trialEnd },
  });
  if (claimed.count === 0) return false;
  const to = await ownerEmails(organizationId);
  const subscribed = Boolean(org.stripeSubscriptionId);
  for (const address of to) await sendMail(trialEndingMail({ to: address, organizationName: org.name, trialEndsAt: trialEnd, subscribed, link: billingUrl(org.slug) }));
  return true;
}

export async function mailPaymentFailed(organizationId: string, invoice: { amountDue: number; currency: string; hostedUrl: string | null }): Promise<void> {
  const org = await systemDb("orgs.directory").organization.findUniqueOrThrow({ where: { id: organizationId }, select: { name: true, slug: true } });
  for (const address of await ownerEmails(organizationId)) {
    await sendMail(paymentFailedMail({ to: address, organizationName: org.name, amountDueCents: invoice.amountDue, currency: invoice.currency, link: billingUrl(org.slug) }));
  }
}

/**
 * The nightly pass: every agency with a Stripe customer is re-read, and trial reminders go out,
 * also to agencies on Sidecar's own trial whose end is near (they have nothing to re-read).
 */
export async function syncAllBilling(now = new Date()): Promise<{ agencies: number; synced: number; failed: number; trialMails: number }> {
  // Billing off: nothing to re-read, and no trial ends (lib/billing/entitlements.ts).
  if (!billingConfigured()) return { agencies: 0, synced: 0, failed: 0, trialMails: 0 };
  const ownTrialEndingSoon = { stripeSubscriptionId: null, trialEndsAt: { gt: now, lte: new Date(now.getTime() + TRIAL_MAIL_WINDOW_MS) } };
  const agencies = await systemDb("cron.fan-out").organization.findMany({
    where: { type: "agency", OR: [{ stripeCustomerId: { not: null } }, ownTrialEndingSoon] },
    select: { id: true, stripeCustomerId: true },
    orderBy: { id: "asc" },
  });
  let synced = 0;
  let failed = 0;
  let trialMails = 0;
  for (const { id, stripeCustomerId } of agencies) {
    try {
      const outcome = stripeCustomerId ? await syncBilling(id, now) : null;
      if (outcome?.synced) synced++;
      if (await mailTrialEndingOnce(id, now)) trialMails++;
    } catch (err) {
      failed++;
      log.error({ err, organizationId: id }, "billing sync failed");
    }
  }
  return { agencies: agencies.length, synced, failed, trialMails };
}
