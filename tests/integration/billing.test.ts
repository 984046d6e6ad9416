import fs from "node:fs";
import path from "node:path";
import Stripe from "stripe";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { prisma, resetDatabase } from "../support/db";
import { actAs, signInAs } from "../support/auth";
import { seedAgency, type SeededAgency } from "../support/tenants";
import { serveRoute } from "../support/serve-route";
import { startSuiteStripe } from "../support/stripe";
import { connectAgency, startSuiteSandbox } from "../support/ghl";
import type { StripeSandbox } from "../sandboxes/stripe";
import type { GhlSandbox } from "../sandboxes/ghl";
import { startCheckoutAction } from "@/actions/billing/start-checkout";
import { openBillingPortalAction } from "@/actions/billing/open-portal";
import { updateSecuritySettingsAction } from "@/actions/settings/update-security";
import { addClinicsAction } from "@/actions/integrations/add-clinics";
import { POST as stripeWebhook } from "@/app/api/webhooks/stripe/route";
import { GET as checkoutReturn } from "@/app/agency/[slug]/admin/settings/billing/return/route";
import { GET as contactsExport } from "@/app/agency/[slug]/admin/contacts/export/route";
import { syncAllBilling } from "@/lib/billing/sync";
import { recordOf } from "@/lib/billing/record";
import { loadEntitlement } from "@/lib/billing/entitlements";
import { stripeOptions } from "@/lib/stripe/options";
import { env } from "@/lib/env";

vi.mock("@/lib/auth/request", () => ({ requestHeaders: vi.fn() }));

/**
 * Billing against the Stripe stand-in over real HTTP: the stripe library talks to it, its signed
 * events reach /api/webhooks/stripe served on loopback, and the agency's record and entitlement
 * follow. The read-only check calls every agency action found in actions/ (as the cross-tenant
 * suite finds them), so a new action cannot slip past it.
 */

const ROOT = process.cwd();
let stripeSandbox: StripeSandbox;
let served: Awaited<ReturnType<typeof serveRoute>>;
const stripe = new Stripe(env.STRIPE_SECRET_KEY!, stripeOptions(env.STRIPE_API_BASE_URL, 5_000));

interface ActionEntry {
  key: string;
  kind: "orgAction" | "userAction" | "platformAction";
  allowedWhileReadOnly: boolean;
  fn: (...args: unknown[]) => Promise<{ ok: boolean; code?: string; error?: string }>;
}

/** Every exported action and how it is built, read from the source (the wrapper it calls and whether it opts out of read-only). */
async function enumerateActions(): Promise<ActionEntry[]> {
  const files = fs
    .readdirSync(path.join(ROOT, "actions"), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts"))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .sort();
  const entries: ActionEntry[] = [];
  for (const file of files) {
    const source = fs.readFileSync(path.join(ROOT, file), "utf8");
    const loaded = (await import(/* @vite-ignore */ path.join(ROOT, file))) as Record<string, unknown>;
    const blocks = source.split(/^export const /m).slice(1);
    const declared = new Map(blocks.map((b) => [b.match(/^(\w+)/)![1]!, b]));
    for (const [name, value] of Object.entries(loaded)) {
      if (typeof value !== "function") continue;
      const block = declared.get(name);
      const kind = block?.match(/^\w+ = (orgAction|userAction|platformAction)\(/)?.[1] as ActionEntry["kind"] | undefined;
      if (!kind) throw new Error(`${file}#${name}: not built with orgAction, userAction or platformAction`);
      entries.push({ key: `${file}#${name}`, kind, allowedWhileReadOnly: /whileReadOnly: "allowed"/.test(block!), fn: value as ActionEntry["fn"] });
    }
  }
  return entries;
}

async function org(agency: SeededAgency) {
  return prisma.organization.findUniqueOrThrow({ where: { id: agency.organization.id } });
}

/** Clicks through the stand-in's hosted Checkout page, then follows the success redirect into Sidecar's return route. */
async function completeCheckout(url: string, slug: string, card = "") {
  const page = await fetch(url);
  expect(page.status).toBe(200);
  const submitted = await fetch(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ card }).toString(), redirect: "manual" });
  expect(submitted.status).toBe(303);
  const success = new URL(submitted.headers.get("location")!);
  expect(success.pathname).toBe(`/agency/${slug}/admin/settings/billing/return`);
  const back = await checkoutReturn(new Request(success), { params: Promise.resolve({ slug }) });
  expect(back.status).toBe(303);
  expect(back.headers.get("location")).toContain("checkout=done");
  await stripeSandbox.settle();
}

const webhookCount = () => prisma.webhookEvent.count({ where: { source: "stripe" } });

beforeAll(async () => {
  await resetDatabase();
  served = await serveRoute(stripeWebhook);
  stripeSandbox = await startSuiteStripe({ webhookUrl: `${served.url}/api/webhooks/stripe` });
});

afterAll(async () => {
  await stripeSandbox?.stop();
  await served?.close();
});

describe("billing lifecycle", () => {
  let agency: SeededAgency;
  let slug: string;

  beforeAll(async () => {
    agency = await seedAgency("bill");
    slug = agency.organization.slug;
    actAs(await signInAs(agency.owner.user.email));
  });

  it("trial → active → past_due → canceled (read-only: every write action refused, reads fine) → reactivated", async () => {
    // No subscription yet: full access, a customer is created before Checkout.
    expect((await loadEntitlement(agency.organization.id)).state).toBe("unbilled");
    const started = await startCheckoutAction(slug, { plan: "starter", interval: "month" });
    if (!started.ok) throw new Error(started.error);
    const customerId = (await org(agency)).stripeCustomerId!;
    expect(customerId).toMatch(/^cus_/);
    expect(stripeSandbox.customers.get(customerId)?.metadata.organizationId).toBe(agency.organization.id);
    const session = [...stripeSandbox.sessions.values()].at(-1)!;
    expect(session.session).toMatchObject({ customer: customerId, payment_method_collection: "if_required" });
    expect(session.trialDays).toBe(14);
    expect(session.missingPaymentMethod).toBe("cancel");

    // Trial without a card.
    await completeCheckout(started.data.url, slug);
    let row = await org(agency);
    expect(row).toMatchObject({ subscriptionStatus: "trialing", billingPlan: "starter", billingInterval: "month", mrrCents: 0 });
    expect(row.trialEndsAt!.getTime() - Date.now()).toBeGreaterThan(13.9 * 86_400_000);
    expect(row.currentPeriodEnd?.getTime()).toBe(row.trialEndsAt?.getTime());
    expect(stripeSandbox.deliveries.map((d) => d.status)).toEqual(stripeSandbox.deliveries.map(() => 200));
    expect(await updateSecuritySettingsAction(slug, { idleTimeoutMinutes: 15 })).toMatchObject({ ok: true });
    // One subscription per customer: a second Checkout is refused.
    expect(await startCheckoutAction(slug, { plan: "growth", interval: "month" })).toMatchObject({ ok: false, code: "subscription_exists" });

    // Three days before the end: the owners get one mail, however often it is triggered.
    const sub = stripeSandbox.subscriptionOf(customerId)!;
    stripeSandbox.advanceClock(11 * 86_400);
    sub.trialEnd = Math.floor(Date.now() / 1000) + 3 * 86_400 - 60;
    stripeSandbox.trialWillEnd(sub.id);
    await stripeSandbox.settle();
    await syncAllBilling(new Date());
    const trialMails = await prisma.devMail.findMany({ where: { to: agency.owner.user.email, subject: { contains: "trial" } } });
    expect(trialMails).toHaveLength(1);
    expect(trialMails[0]!.text).toContain(`/agency/${slug}/admin/settings/billing`);

    // A card, then the trial ends: active, paid, MRR counted.
    stripeSandbox.attachCard(customerId);
    stripeSandbox.endTrial(sub.id);
    await stripeSandbox.settle();
    row = await org(agency);
    expect(row).toMatchObject({ subscriptionStatus: "active", mrrCents: 14_900, pastDueSince: null });
    expect(row.currentPeriodEnd!.getTime()).toBe(sub.periodEnd * 1000);

    // The renewal fails: past_due, full access during the grace, owners mailed.
    stripeSandbox.renew(sub.id, "failed");
    await stripeSandbox.settle();
    row = await org(agency);
    expect(row.subscriptionStatus).toBe("past_due");
    expect(row.pastDueSince).not.toBeNull();
    const pastDue = await loadEntitlement(agency.organization.id);
    expect(pastDue).toMatchObject({ state: "past_due", access: "full" });
    expect(await updateSecuritySettingsAction(slug, { idleTimeoutMinutes: 30 })).toMatchObject({ ok: true });
    expect(await prisma.devMail.count({ where: { to: agency.owner.user.email, subject: { contains: "Payment failed" } } })).toBe(1);
    // After the grace period the same state is read-only.
    expect((await loadEntitlement(agency.organization.id, new Date(Date.now() + 8 * 86_400_000))).access).toBe("read_only");

    // Retries exhausted: canceled, read-only.
    stripeSandbox.exhaustRetries(sub.id, "canceled");
    await stripeSandbox.settle();
    expect((await org(agency)).subscriptionStatus).toBe("canceled");
    expect(await loadEntitlement(agency.organization.id)).toMatchObject({ state: "canceled", access: "read_only" });

    const before = await prisma.organization.findUniqueOrThrow({ where: { id: agency.organization.id } });
    const contactsBefore = await prisma.contact.findMany({ where: { organizationId: agency.organization.id }, orderBy: { id: "asc" } });
    const actions = await enumerateActions();
    const orgActions = actions.filter((a) => a.kind === "orgAction");
    expect(orgActions.length).toBeGreaterThan(30);
    const wrong: string[] = [];
    for (const action of orgActions.filter((a) => !a.allowedWhileReadOnly)) {
      const result = await action.fn(slug, {});
      if (result.ok || result.code !== "billing_read_only") wrong.push(`${action.key}: ${result.ok ? "ok" : result.code}`);
      else if (!result.error?.includes(`/agency/${slug}/admin/settings/billing`) || !result.error.includes("read-only")) wrong.push(`${action.key}: unclear message ${result.error}`);
    }
    expect(wrong).toEqual([]);
    // The opt-outs are exactly the ones that restore access and keep the GHL copy current.
    expect(orgActions.filter((a) => a.allowedWhileReadOnly).map((a) => a.key)).toEqual([
      "actions/billing/open-portal.ts#openBillingPortalAction",
      "actions/billing/start-checkout.ts#startCheckoutAction",
      "actions/integrations/sync-now.ts#syncNowAction",
    ]);
    expect(await prisma.organization.findUniqueOrThrow({ where: { id: agency.organization.id } })).toMatchObject({ idleTimeoutMinutes: before.idleTimeoutMinutes });
    expect(await prisma.contact.findMany({ where: { organizationId: agency.organization.id }, orderBy: { id: "asc" } })).toEqual(contactsBefore);
    const refused = await prisma.auditLog.findFirst({ where: { organizationId: agency.organization.id, outcome: "failure", action: "settings.security" }, orderBy: { createdAt: "desc" } });
    expect(refused?.metadata).toMatchObject({ code: "billing_read_only" });
    // Reads and exports keep working.
    const exported = await contactsExport(new Request(`http://localhost:3000/agency/${slug}/admin/contacts/export`), { params: Promise.resolve({ slug }) });
    expect(exported.status).toBe(200);
    expect(await exported.text()).toContain(agency.contacts[0]!.email!);

    // Reactivation: Checkout again (no second trial, a card is required), and writes come back.
    const again = await startCheckoutAction(slug, { plan: "growth", interval: "year" });
    if (!again.ok) throw new Error(again.error);
    const second = [...stripeSandbox.sessions.values()].at(-1)!;
    expect(second.trialDays).toBeNull();
    expect(second.session.payment_method_collection).toBe("always");
    const refusedCard = await fetch(again.data.url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "card=", redirect: "manual" });
    expect(refusedCard.status).toBe(402);
    await completeCheckout(again.data.url, slug, "4242424242424242");
    row = await org(agency);
    expect(row).toMatchObject({ subscriptionStatus: "active", billingPlan: "growth", billingInterval: "year", mrrCents: Math.round(399_000 / 12) });
    expect(row.stripeCustomerId).toBe(customerId);
    expect(await updateSecuritySettingsAction(slug, { idleTimeoutMinutes: 15 })).toMatchObject({ ok: true });

    // The portal opens for the agency's own customer.
    const portal = await openBillingPortalAction(slug, {});
    if (!portal.ok) throw new Error(portal.error);
    const portalPage = await (await fetch(portal.data.url)).text();
    expect(portalPage).toContain("Billing portal");
    expect(portalPage).toContain("Sidecar Growth (yearly)");
  });
});

describe("webhook deliveries", () => {
  let agency: SeededAgency;

  beforeEach(async () => {
    agency = await seedAgency(`wh${Math.random().toString(36).slice(2, 6)}`);
    actAs(await signInAs(agency.owner.user.email));
  });

  it("gives the same final state for duplicated and out-of-order events", async () => {
    const slug = agency.organization.slug;
    stripeSandbox.holdEvents(true);
    try {
      const started = await startCheckoutAction(slug, { plan: "starter", interval: "month" });
      if (!started.ok) throw new Error(started.error);
      const session = [...stripeSandbox.sessions.values()].at(-1)!;
      const customerId = session.session.customer!;
      const sub = stripeSandbox.completeCheckout(session.session.id);
      stripeSandbox.attachCard(customerId);
      stripeSandbox.endTrial(sub.id);
      stripeSandbox.renew(sub.id, "failed");
      stripeSandbox.attachCard(customerId);
      const before = await webhookCount();
      // Newest first, each twice.
      await stripeSandbox.flush((events) => [...events].reverse().flatMap((e) => [e, e]));
      const events = stripeSandbox.events.filter((e) => e.payload.includes(customerId));
      const deliveries = stripeSandbox.deliveries.slice(-events.length * 2);
      expect(deliveries.every((d) => d.status === 200)).toBe(true);
      expect((await webhookCount()) - before).toBe(events.length);
      const truth = recordOf(await stripe.subscriptions.retrieve(sub.id));
      expect(truth.subscriptionStatus).toBe("active");
      const row = await org(agency);
      expect(row).toMatchObject({ ...truth, pastDueSince: null });
    } finally {
      stripeSandbox.holdEvents(false);
    }
  });

  it("stores nothing for a bad signature or a stale one, and ignores other customers' events", async () => {
    const slug = agency.organization.slug;
    const started = await startCheckoutAction(slug, { plan: "starter", interval: "month" });
    if (!started.ok) throw new Error(started.error);
    await completeCheckout(started.data.url, slug);
    const row = await org(agency);
    const sub = stripeSandbox.subscriptionOf(row.stripeCustomerId!)!;
    stripeSandbox.holdEvents(true);
    stripeSandbox.exhaustRetries(sub.id, "canceled");
    const [deleted] = stripeSandbox.events.slice(-1);
    stripeSandbox.holdEvents(false);
    await stripeSandbox.flush(() => []);
    const count = await webhookCount();
    await stripeSandbox.redeliver(deleted!.id, { secret: "whsec_someone_else" });
    await stripeSandbox.redeliver(deleted!.id, { timestamp: Math.floor(Date.now() / 1000) - 301 });
    expect(stripeSandbox.deliveries.slice(-2).map((d) => d.status)).toEqual([401, 401]);
    const tampered = deleted!.payload.replace('"canceled"', '"active"');
    const header = stripe.webhooks.generateTestHeaderString({ payload: deleted!.payload, secret: env.STRIPE_WEBHOOK_SECRET! });
    const forged = await fetch(`${served.url}/api/webhooks/stripe`, { method: "POST", headers: { "stripe-signature": header, "content-type": "application/json" }, body: tampered });
    expect(forged.status).toBe(401);
    expect(await webhookCount()).toBe(count);
    expect(await org(agency)).toMatchObject({ subscriptionStatus: "trialing" });
    // An event for a customer Sidecar does not know: 200, nothing stored.
    const stranger = JSON.stringify({ id: "evt_stranger", object: "event", type: "invoice.paid", data: { object: { object: "invoice", customer: "cus_unknown" } } });
    const unknown = await fetch(`${served.url}/api/webhooks/stripe`, {
      method: "POST",
      headers: { "stripe-signature": stripe.webhooks.generateTestHeaderString({ payload: stranger, secret: env.STRIPE_WEBHOOK_SECRET! }), "content-type": "application/json" },
      body: stranger,
    });
    expect(unknown.status).toBe(200);
    expect(await webhookCount()).toBe(count);
    // The genuine delivery still applies.
    await stripeSandbox.redeliver(deleted!.id);
    expect(stripeSandbox.deliveries.at(-1)?.status).toBe(200);
    expect(await webhookCount()).toBe(count + 1);
    expect((await org(agency)).subscriptionStatus).toBe("canceled");
  });
});

describe("plan limits", () => {
  let ghl: GhlSandbox;
  afterAll(async () => ghl?.stop());

  it("refuses adding clinics over the plan, explaining the upgrade, and Checkout for a plan too small", async () => {
    ghl = await startSuiteSandbox();
    const agency = await seedAgency("lim");
    const slug = agency.organization.slug;
    actAs(await signInAs(agency.owner.user.email));
    await connectAgency(ghl, agency.organization.id);
    for (const id of ["lim-1", "lim-2", "lim-3", "lim-4"]) ghl.seedLocation({ id, name: `Sub ${id}` });
    await prisma.organization.update({ where: { id: agency.organization.id }, data: { stripeSubscriptionId: "sub_fixture", subscriptionStatus: "trialing", trialEndsAt: new Date(Date.now() + 5 * 86_400_000), billingPlan: "starter" } });
    // Two clinics already; three more make the Starter plan's five.
    expect(await addClinicsAction(slug, { ghlLocationIds: ["lim-1", "lim-2", "lim-3"] })).toEqual({ ok: true, data: { added: 3 } });
    const over = await addClinicsAction(slug, { ghlLocationIds: ["lim-4"] });
    expect(over).toMatchObject({ ok: false, code: "plan_limit" });
    expect(!over.ok && over.error).toContain("Upgrade to Growth");
    expect(await prisma.location.count({ where: { organizationId: agency.organization.id } })).toBe(5);
    // Scale has no limit.
    await prisma.organization.update({ where: { id: agency.organization.id }, data: { billingPlan: "scale" } });
    expect(await addClinicsAction(slug, { ghlLocationIds: ["lim-4"] })).toEqual({ ok: true, data: { added: 1 } });
    // Six clinics do not fit a Starter Checkout.
    await prisma.organization.update({ where: { id: agency.organization.id }, data: { stripeSubscriptionId: null } });
    expect(await startCheckoutAction(slug, { plan: "starter", interval: "month" })).toMatchObject({ ok: false, code: "plan_limit", fieldErrors: { plan: [expect.stringContaining("6")] } });
  });
});

describe("npm run dev's Stripe", () => {
  it("puts the demo agency on a 14-day Starter trial on the stand-in, synced like a webhook would", async () => {
    const { seedDemoData } = await import("@/scripts/demo/seed");
    const { startLocalStripe } = await import("@/scripts/dev/stripe");
    const { DEMO_AGENCY } = await import("@/scripts/demo/data");
    await seedDemoData(prisma);
    const local = await startLocalStripe({ port: 0, appUrl: "http://127.0.0.1:1", db: prisma });
    try {
      const demo = await prisma.organization.findUniqueOrThrow({ where: { id: DEMO_AGENCY.id } });
      expect(demo).toMatchObject({ subscriptionStatus: "trialing", billingPlan: "starter", stripeCustomerId: expect.stringMatching(/^cus_/), stripeSubscriptionId: expect.stringMatching(/^sub_/) });
      expect(demo.trialEndsAt!.getTime() - Date.now()).toBeGreaterThan(13.9 * 86_400_000);
      expect((await loadEntitlement(demo.id)).state).toBe("trialing");
      expect(local.env).toMatchObject({ STRIPE_SECRET_KEY: local.sandbox.apiKey, STRIPE_API_BASE_URL: local.sandbox.url, STRIPE_WEBHOOK_SECRET: expect.stringMatching(/^whsec_/) });
      const invoices = await (await fetch(`${local.sandbox.url}/v1/invoices?customer=${demo.stripeCustomerId}`, { headers: { authorization: `Bearer ${local.sandbox.apiKey}` } })).json();
      expect(invoices.data).toHaveLength(1);
    } finally {
      await local.sandbox.stop();
    }
  });
});
