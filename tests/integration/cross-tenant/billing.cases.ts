import Stripe from "stripe";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { recordOf } from "@/lib/billing/record";
import { stripeOptions } from "@/lib/stripe/options";
import { startSuiteStripe } from "../../support/stripe";
import type { StripeSandbox } from "../../sandboxes/stripe";
import type { CrossTenantFeature, RouteCase, World } from "./types";

const CHECKOUT = "actions/billing/start-checkout.ts#startCheckoutAction";
const PORTAL = "actions/billing/open-portal.ts#openBillingPortalAction";
const INVOICE_ROUTE = "app/agency/[slug]/admin/settings/billing/invoices/[invoiceId]/route.ts";
const RETURN_ROUTE = "app/agency/[slug]/admin/settings/billing/return/route.ts";
const STRANGER = ["unauthenticated", "not_found"];

let sandbox: StripeSandbox | undefined;
const stripe = () => new Stripe(env.STRIPE_SECRET_KEY!, stripeOptions(env.STRIPE_API_BASE_URL, 5_000));

/** Each agency a Stripe customer (on the stand-in) with an active Starter subscription, an invoice and a completed Checkout session. */
export const billing: CrossTenantFeature = {
  async seed(agency) {
    sandbox ??= await startSuiteStripe();
    const customer = sandbox.addCustomer({ name: agency.organization.name, email: agency.owner.user.email, metadata: { organizationId: agency.organization.id } });
    const session = await stripe().checkout.sessions.create({ mode: "subscription", customer: customer.id, line_items: [{ price: env.STRIPE_PRICE_STARTER_MONTHLY, quantity: 1 }], success_url: "http://localhost:3000/x?session_id={CHECKOUT_SESSION_ID}" });
    sandbox.completeCheckout(session.id, "4242424242424242");
    const sub = sandbox.subscriptionOf(customer.id)!;
    const invoice = [...sandbox.invoices.values()].find((i) => i.customer === customer.id)!;
    await prisma.organization.update({ where: { id: agency.organization.id }, data: { stripeCustomerId: customer.id, ...recordOf(await stripe().subscriptions.retrieve(sub.id)) } });
    return { stripeCustomerId: customer.id, stripeSubscriptionId: sub.id, stripeInvoiceId: invoice.id, stripeSessionId: session.id };
  },
  secrets: (_agency, extra) => [String(extra.stripeCustomerId), String(extra.stripeSubscriptionId), String(extra.stripeInvoiceId), String(extra.stripeSessionId)],
  async teardown() {
    await sandbox?.stop();
    sandbox = undefined;
  },
  actions: {
    [CHECKOUT]: ({ A, B, action }: World) => [
      { who: "ownerA", attempt: "start Checkout for B", call: () => action(CHECKOUT)(B.organization.slug, { plan: "scale", interval: "month" }) },
      { who: "ownerA", attempt: "a second subscription for A's own customer", call: () => action(CHECKOUT)(A.organization.slug, { plan: "scale", interval: "month" }), refusals: ["subscription_exists"] },
      { who: "adminA", attempt: "admin starts Checkout", call: () => action(CHECKOUT)(A.organization.slug, { plan: "starter", interval: "month" }), refusals: ["forbidden"] },
      { who: "staffA", attempt: "clinic staff starts Checkout", call: () => action(CHECKOUT)(A.organization.slug, { plan: "starter", interval: "month" }), refusals: ["forbidden"] },
      { who: "outsider", attempt: "a stranger starts Checkout for B", call: () => action(CHECKOUT)(B.organization.slug, { plan: "starter", interval: "month" }), refusals: STRANGER },
    ],
    [PORTAL]: ({ A, B, action }: World) => [
      { who: "ownerA", attempt: "open B's billing portal", call: () => action(PORTAL)(B.organization.slug, {}) },
      // Takes no customer: the only portal it opens is A's own.
      { who: "ownerA", attempt: "open A's own portal (never B's customer)", call: () => action(PORTAL)(A.organization.slug, { customer: "cus_someone_else" }), refusals: ["ok"] },
      { who: "adminA", attempt: "admin opens the billing portal", call: () => action(PORTAL)(A.organization.slug, {}), refusals: ["forbidden"] },
      { who: "staffA", attempt: "clinic staff opens the billing portal", call: () => action(PORTAL)(A.organization.slug, {}), refusals: ["forbidden"] },
      { who: "outsider", attempt: "a stranger opens B's billing portal", call: () => action(PORTAL)(B.organization.slug, {}), refusals: STRANGER },
    ],
  },
  routes: {
    [INVOICE_ROUTE]: ({ A, B, extra }): RouteCase[] => {
      const get = (slug: string, invoiceId: unknown) => ({
        request: () => new Request(`http://localhost:3000/agency/${slug}/admin/settings/billing/invoices/${String(invoiceId)}`),
        params: { slug, invoiceId: String(invoiceId) },
      });
      return [
        { who: "ownerA", attempt: "open B's invoice through A", ...get(A.organization.slug, extra.B.stripeInvoiceId), statuses: [404] },
        { who: "ownerA", attempt: "open B's invoice through B", ...get(B.organization.slug, extra.B.stripeInvoiceId), statuses: [404] },
        { who: "ownerA", attempt: "open A's own invoice", ...get(A.organization.slug, extra.A.stripeInvoiceId), statuses: [303] },
        { who: "adminA", attempt: "admin opens an invoice", ...get(A.organization.slug, extra.A.stripeInvoiceId), statuses: [403] },
        { who: "staffA", attempt: "clinic staff opens an invoice", ...get(A.organization.slug, extra.A.stripeInvoiceId), statuses: [403] },
        { who: "outsider", attempt: "a stranger opens B's invoice", ...get(B.organization.slug, extra.B.stripeInvoiceId), statuses: [401, 404] },
      ];
    },
    [RETURN_ROUTE]: ({ A, B, extra }): RouteCase[] => {
      const get = (slug: string, sessionId: unknown) => ({
        request: () => new Request(`http://localhost:3000/agency/${slug}/admin/settings/billing/return?session_id=${String(sessionId)}`),
        params: { slug },
      });
      return [
        { who: "ownerA", attempt: "return from B's Checkout session through A", ...get(A.organization.slug, extra.B.stripeSessionId), statuses: [404] },
        { who: "ownerA", attempt: "return through B", ...get(B.organization.slug, extra.B.stripeSessionId), statuses: [404] },
        { who: "staffA", attempt: "clinic staff returns from Checkout", ...get(A.organization.slug, extra.A.stripeSessionId), statuses: [403] },
      ];
    },
    "app/api/webhooks/stripe/route.ts": ({ B, extra }): RouteCase[] => {
      const body = JSON.stringify({ id: "evt_forged", object: "event", type: "customer.subscription.deleted", data: { object: { object: "subscription", id: extra.B.stripeSubscriptionId, customer: extra.B.stripeCustomerId, status: "canceled", metadata: { organizationId: B.organization.id } } } });
      const post = (signature: string) => new Request("http://localhost:3000/api/webhooks/stripe", { method: "POST", headers: { "content-type": "application/json", "stripe-signature": signature }, body });
      const signer = new Stripe("sk_test_signing", { telemetry: false });
      return [
        { who: "outsider", attempt: "cancel B's subscription unsigned", request: () => post(""), statuses: [401] },
        { who: "ownerA", attempt: "cancel B's subscription signed with another secret", request: () => post(signer.webhooks.generateTestHeaderString({ payload: body, secret: "whsec_attacker" })), statuses: [401] },
        { who: "staffA", attempt: "clinic staff replays a stale signature", request: () => post(signer.webhooks.generateTestHeaderString({ payload: body, secret: env.STRIPE_WEBHOOK_SECRET!, timestamp: Math.floor(Date.now() / 1000) - 600 })), statuses: [401] },
      ];
    },
    "app/api/cron/billing-sync/route.ts": ({ sessions }) => [
      { who: "ownerA", attempt: "run the billing sync with a session", request: () => new Request("http://localhost:3000/api/cron/billing-sync", { headers: sessions.ownerA }), statuses: [401] },
      { who: "staffA", attempt: "run the billing sync as clinic staff", request: () => new Request("http://localhost:3000/api/cron/billing-sync", { headers: sessions.staffA }), statuses: [401] },
    ],
  },
};
