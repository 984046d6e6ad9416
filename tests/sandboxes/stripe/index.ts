import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";

/**
 * A stand-in for Stripe's API on loopback, speaking its REST protocol as the stripe library
 * sends it (`new Stripe(key, {host, port, protocol: "http"})`): form-encoded bodies with
 * bracketed keys, `Authorization: Bearer sk_…`, Stripe's `{error: {type, code, message, param}}`
 * shapes and statuses, `Idempotency-Key` replay (and the error for a reused key with other
 * parameters). It keeps customers, prices, Checkout sessions (with a hosted page to click
 * through), subscriptions (period on the items, as since 2025-03-31), invoices, billing-portal
 * sessions (with a hosted portal page), and sends events to one webhook endpoint, signed with
 * the library's `webhooks.generateTestHeaderString`.
 *
 * What real Stripe does that this does not: test clocks, proration, taxes, coupons, payment
 * methods beyond "a card that works" and "a card that is declined", Smart Retries on a
 * schedule (tests call `renew(..., "failed")` and `exhaustRetries()` instead), event retries for
 * days, and per-account portal configuration.
 */

export interface SandboxPrice {
  id: string;
  unitAmount: number;
  interval: "month" | "year";
  nickname: string;
  currency?: string;
}

export interface StripeSandboxOptions {
  port?: number;
  apiKey?: string;
  /** Where events go (the app's /api/webhooks/stripe) and the endpoint's signing secret. */
  webhookUrl?: string;
  webhookSecret?: string;
  /** Events are kept but not sent until `flush()` (tests reorder and duplicate them). */
  holdEvents?: boolean;
  prices?: SandboxPrice[];
}

type Obj = Record<string, unknown>;

interface Customer {
  id: string;
  object: "customer";
  created: number;
  email: string | null;
  name: string | null;
  metadata: Record<string, string>;
  invoice_settings: { default_payment_method: string | null };
  livemode: false;
}

interface SessionState {
  session: Obj & { id: string; status: string; customer: string | null; subscription: string | null; url: string; success_url: string; cancel_url: string | null };
  priceId: string;
  quantity: number;
  trialDays: number | null;
  missingPaymentMethod: "cancel" | "pause" | "create_invoice";
  metadata: Record<string, string>;
}

interface SubscriptionState {
  id: string;
  customer: string;
  status: string;
  priceId: string;
  quantity: number;
  itemId: string;
  created: number;
  periodStart: number;
  periodEnd: number;
  trialStart: number | null;
  trialEnd: number | null;
  cancelAtPeriodEnd: boolean;
  canceledAt: number | null;
  endedAt: number | null;
  missingPaymentMethod: "cancel" | "pause" | "create_invoice";
  latestInvoice: string | null;
  metadata: Record<string, string>;
}

interface InvoiceState {
  id: string;
  customer: string;
  subscription: string;
  number: string;
  status: "draft" | "open" | "paid" | "void" | "uncollectible";
  amountDue: number;
  amountPaid: number;
  currency: string;
  created: number;
  periodStart: number;
  periodEnd: number;
  attemptCount: number;
  billingReason: string;
}

export interface SandboxEvent {
  id: string;
  type: string;
  payload: string;
}

export interface Delivery {
  eventId: string;
  type: string;
  status: number | "network-error";
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly code?: string,
    readonly param?: string,
  ) {
    super(message);
  }
}

const DEFAULT_API_VERSION = "2026-11-18.endive";
const DAY = 86_400;

/** `a[b][0][c]=v` → {a: {b: [{c: "v"}]}}, as Stripe reads form bodies and query strings. */
export function parseStripeForm(body: string): Obj {
  const root: Obj = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const path = key.replace(/\]/g, "").split("[");
    let node: Obj = root;
    path.forEach((part, i) => {
      if (i === path.length - 1) node[part] = value;
      else node = (node[part] ??= {}) as Obj;
    });
  }
  const arrays = (value: unknown): unknown => {
    if (!value || typeof value !== "object") return value;
    const obj = value as Obj;
    const keys = Object.keys(obj);
    const converted = Object.fromEntries(keys.map((k) => [k, arrays(obj[k])]));
    return keys.length && keys.every((k) => /^\d+$/.test(k)) ? keys.sort((a, b) => Number(a) - Number(b)).map((k) => converted[k]) : converted;
  };
  return arrays(root) as Obj;
}

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
const money = (cents: number, currency = "usd") => new Intl.NumberFormat("en-US", { style: "currency", currency: currency.toUpperCase() }).format(cents / 100);

export async function startStripeSandbox(options: StripeSandboxOptions = {}) {
  const apiKey = options.apiKey ?? "sk_test_sandbox";
  let webhookUrl = options.webhookUrl ?? null;
  let webhookSecret = options.webhookSecret ?? `whsec_${randomBytes(24).toString("hex")}`;
  let hold = options.holdEvents ?? false;
  const signer = new Stripe(apiKey, { telemetry: false });
  const prices = new Map<string, SandboxPrice>();
  for (const price of options.prices ?? []) prices.set(price.id, price);
  const customers = new Map<string, Customer>();
  const sessions = new Map<string, SessionState>();
  const subscriptions = new Map<string, SubscriptionState>();
  const invoices = new Map<string, InvoiceState>();
  const portals = new Map<string, { id: string; customer: string; returnUrl: string | null; created: number }>();
  const idempotency = new Map<string, { fingerprint: string; status: number; body: string }>();
  const events: SandboxEvent[] = [];
  const held: SandboxEvent[] = [];
  const deliveries: Delivery[] = [];
  const requests: Array<{ method: string; path: string; idempotencyKey: string | null; stripeVersion: string | null }> = [];
  const inFlight = new Set<Promise<void>>();
  let invoiceCounter = 0;
  let clockOffset = 0;
  let baseUrl = "";

  const now = () => Math.floor(Date.now() / 1000) + clockOffset;
  const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString("base64url").replace(/[-]/g, "x")}`;

  function priceObject(price: SandboxPrice): Obj {
    return {
      id: price.id,
      object: "price",
      active: true,
      currency: price.currency ?? "usd",
      unit_amount: price.unitAmount,
      nickname: price.nickname,
      recurring: { interval: price.interval, interval_count: 1, usage_type: "licensed" },
      product: `prod_${price.id}`,
      type: "recurring",
      livemode: false,
    };
  }

  function periodAfter(start: number, interval: "month" | "year"): number {
    const d = new Date(start * 1000);
    if (interval === "year") d.setUTCFullYear(d.getUTCFullYear() + 1);
    else d.setUTCMonth(d.getUTCMonth() + 1);
    return Math.floor(d.getTime() / 1000);
  }

  function subscriptionObject(s: SubscriptionState): Obj {
    const price = prices.get(s.priceId)!;
    return {
      id: s.id,
      object: "subscription",
      customer: s.customer,
      status: s.status,
      created: s.created,
      start_date: s.created,
      billing_cycle_anchor: s.periodStart,
      cancel_at_period_end: s.cancelAtPeriodEnd,
      cancel_at: s.cancelAtPeriodEnd ? s.periodEnd : null,
      canceled_at: s.canceledAt,
      ended_at: s.endedAt,
      trial_start: s.trialStart,
      trial_end: s.trialEnd,
      trial_settings: { end_behavior: { missing_payment_method: s.missingPaymentMethod } },
      collection_method: "charge_automatically",
      currency: price.currency ?? "usd",
      latest_invoice: s.latestInvoice,
      default_payment_method: customers.get(s.customer)?.invoice_settings.default_payment_method ?? null,
      metadata: s.metadata,
      livemode: false,
      items: {
        object: "list",
        has_more: false,
        url: `/v1/subscription_items?subscription=${s.id}`,
        data: [
          {
            id: s.itemId,
            object: "subscription_item",
            subscription: s.id,
            created: s.created,
            price: priceObject(price),
            quantity: s.quantity,
            current_period_start: s.periodStart,
            current_period_end: s.periodEnd,
            metadata: {},
          },
        ],
      },
    };
  }

  function invoiceObject(i: InvoiceState): Obj {
    return {
      id: i.id,
      object: "invoice",
      customer: i.customer,
      number: i.number,
      status: i.status,
      amount_due: i.amountDue,
      amount_paid: i.amountPaid,
      amount_remaining: i.amountDue - i.amountPaid,
      currency: i.currency,
      created: i.created,
      period_start: i.periodStart,
      period_end: i.periodEnd,
      attempt_count: i.attemptCount,
      billing_reason: i.billingReason,
      collection_method: "charge_automatically",
      hosted_invoice_url: `${baseUrl}/invoice/${i.id}`,
      invoice_pdf: `${baseUrl}/invoice/${i.id}/pdf`,
      parent: { type: "subscription_details", quote_details: null, subscription_details: { subscription: i.subscription, metadata: {} } },
      livemode: false,
    };
  }

  function emit(type: string, object: Obj): SandboxEvent {
    const event = {
      id: newId("evt"),
      object: "event",
      api_version: DEFAULT_API_VERSION,
      created: now(),
      type,
      data: { object: structuredClone(object) },
      livemode: false,
      pending_webhooks: webhookUrl ? 1 : 0,
      request: { id: null, idempotency_key: null },
    };
    const stored = { id: event.id, type, payload: JSON.stringify(event, null, 2) };
    events.push(stored);
    if (hold) held.push(stored);
    else send(stored);
    return stored;
  }

  /** Sends one event to the endpoint, signed as Stripe signs it. */
  function send(event: SandboxEvent, overrides: { secret?: string; timestamp?: number } = {}): Promise<void> {
    if (!webhookUrl) return Promise.resolve();
    const url = webhookUrl;
    const header = signer.webhooks.generateTestHeaderString({ payload: event.payload, secret: overrides.secret ?? webhookSecret, timestamp: overrides.timestamp ?? now() });
    const promise = fetch(url, { method: "POST", headers: { "content-type": "application/json; charset=utf-8", "stripe-signature": header, "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)" }, body: event.payload, redirect: "manual" })
      .then(async (response) => {
        await response.arrayBuffer();
        deliveries.push({ eventId: event.id, type: event.type, status: response.status });
      })
      .catch(() => {
        deliveries.push({ eventId: event.id, type: event.type, status: "network-error" });
      })
      .finally(() => inFlight.delete(promise));
    inFlight.add(promise);
    return promise;
  }

  function createInvoice(s: SubscriptionState, amount: number, paid: boolean, reason: string, periodStart: number, periodEnd: number): InvoiceState {
    const price = prices.get(s.priceId)!;
    const invoice: InvoiceState = {
      id: newId("in"),
      customer: s.customer,
      subscription: s.id,
      number: `SBX-${String(++invoiceCounter).padStart(4, "0")}`,
      status: paid ? "paid" : "open",
      amountDue: amount,
      amountPaid: paid ? amount : 0,
      currency: price.currency ?? "usd",
      created: now(),
      periodStart,
      periodEnd,
      attemptCount: 1,
      billingReason: reason,
    };
    invoices.set(invoice.id, invoice);
    s.latestInvoice = invoice.id;
    return invoice;
  }

  const amountOf = (s: SubscriptionState) => prices.get(s.priceId)!.unitAmount * s.quantity;
  const hasCard = (customerId: string) => Boolean(customers.get(customerId)?.invoice_settings.default_payment_method);

  function requireSubscription(id: string): SubscriptionState {
    const s = subscriptions.get(id);
    if (!s) throw new ApiError(404, "invalid_request_error", `No such subscription: '${id}'`, "resource_missing", "id");
    return s;
  }

  function setCard(customerId: string, card: string): void {
    const customer = customers.get(customerId)!;
    if (card.replace(/\s/g, "") === "4000000000000002") throw new ApiError(402, "card_error", "Your card was declined.", "card_declined");
    customer.invoice_settings.default_payment_method = newId("pm");
  }

  const control = {
    /** Completes an open Checkout session as the hosted page does; `card` is optional when the session needs none. */
    completeCheckout(sessionId: string, card: string | null = null): SubscriptionState {
      const state = sessions.get(sessionId);
      if (!state || state.session.status !== "open") throw new ApiError(400, "invalid_request_error", "This Checkout session is no longer open.");
      const customerId = state.session.customer!;
      const needsCard = state.trialDays === null || state.session.payment_method_collection === "always";
      if (card) setCard(customerId, card);
      else if (needsCard) throw new ApiError(402, "card_error", "A card is required for this subscription.", "payment_method_required");
      for (const other of subscriptions.values()) {
        if (other.customer === customerId && !["canceled", "incomplete_expired"].includes(other.status)) {
          throw new ApiError(400, "invalid_request_error", "The customer already has an active subscription.");
        }
      }
      const t = now();
      const price = prices.get(state.priceId)!;
      const trialEnd = state.trialDays !== null ? t + state.trialDays * DAY : null;
      const s: SubscriptionState = {
        id: newId("sub"),
        customer: customerId,
        status: trialEnd ? "trialing" : "active",
        priceId: state.priceId,
        quantity: state.quantity,
        itemId: newId("si"),
        created: t,
        periodStart: t,
        periodEnd: trialEnd ?? periodAfter(t, price.interval),
        trialStart: trialEnd ? t : null,
        trialEnd,
        cancelAtPeriodEnd: false,
        canceledAt: null,
        endedAt: null,
        missingPaymentMethod: state.missingPaymentMethod,
        latestInvoice: null,
        metadata: state.metadata,
      };
      subscriptions.set(s.id, s);
      const invoice = createInvoice(s, trialEnd ? 0 : amountOf(s), true, "subscription_create", s.periodStart, s.periodEnd);
      state.session.status = "complete";
      state.session.subscription = s.id;
      state.session.payment_status = trialEnd && !card ? "no_payment_required" : "paid";
      emit("customer.subscription.created", subscriptionObject(s));
      emit("invoice.paid", invoiceObject(invoice));
      emit("checkout.session.completed", state.session);
      return s;
    },
    /** Creates a subscription directly (the demo agency's trial, fixtures). */
    seedSubscription(input: { customer: string; priceId: string; trialDays?: number; status?: string }): SubscriptionState {
      const t = now();
      const price = prices.get(input.priceId);
      if (!price) throw new Error(`no price ${input.priceId}`);
      const trialEnd = input.trialDays ? t + input.trialDays * DAY : null;
      const s: SubscriptionState = {
        id: newId("sub"), customer: input.customer, status: input.status ?? (trialEnd ? "trialing" : "active"), priceId: input.priceId, quantity: 1, itemId: newId("si"), created: t, periodStart: t,
        periodEnd: trialEnd ?? periodAfter(t, price.interval), trialStart: trialEnd ? t : null, trialEnd, cancelAtPeriodEnd: false, canceledAt: null, endedAt: null, missingPaymentMethod: "cancel", latestInvoice: null, metadata: {},
      };
      subscriptions.set(s.id, s);
      createInvoice(s, trialEnd ? 0 : amountOf(s), true, "subscription_create", s.periodStart, s.periodEnd);
      return s;
    },
    /** Three days before the trial ends, Stripe says so. */
    trialWillEnd(subscriptionId: string): void {
      emit("customer.subscription.trial_will_end", subscriptionObject(requireSubscription(subscriptionId)));
    },
    /** The trial's end: charged when the customer has a card, otherwise the end behaviour applies. */
    endTrial(subscriptionId: string): void {
      const s = requireSubscription(subscriptionId);
      const t = now();
      s.trialEnd = Math.min(s.trialEnd ?? t, t);
      if (hasCard(s.customer)) {
        s.status = "active";
        s.periodStart = t;
        s.periodEnd = periodAfter(t, prices.get(s.priceId)!.interval);
        const invoice = createInvoice(s, amountOf(s), true, "subscription_cycle", s.periodStart, s.periodEnd);
        emit("customer.subscription.updated", subscriptionObject(s));
        emit("invoice.paid", invoiceObject(invoice));
        return;
      }
      if (s.missingPaymentMethod === "pause") {
        s.status = "paused";
        emit("customer.subscription.updated", subscriptionObject(s));
        emit("customer.subscription.paused", subscriptionObject(s));
      } else if (s.missingPaymentMethod === "create_invoice") {
        s.status = "past_due";
        const invoice = createInvoice(s, amountOf(s), false, "subscription_cycle", t, periodAfter(t, prices.get(s.priceId)!.interval));
        emit("customer.subscription.updated", subscriptionObject(s));
        emit("invoice.payment_failed", invoiceObject(invoice));
      } else {
        s.status = "canceled";
        s.canceledAt = t;
        s.endedAt = t;
        emit("customer.subscription.deleted", subscriptionObject(s));
      }
    },
    /** The next period's invoice: paid, or failed (past_due, Smart Retries pending). */
    renew(subscriptionId: string, outcome: "paid" | "failed"): InvoiceState {
      const s = requireSubscription(subscriptionId);
      const start = s.periodEnd <= now() ? now() : s.periodEnd;
      const end = periodAfter(start, prices.get(s.priceId)!.interval);
      if (outcome === "paid") {
        s.status = "active";
        s.periodStart = start;
        s.periodEnd = end;
        const invoice = createInvoice(s, amountOf(s), true, "subscription_cycle", start, end);
        emit("customer.subscription.updated", subscriptionObject(s));
        emit("invoice.paid", invoiceObject(invoice));
        return invoice;
      }
      s.status = "past_due";
      s.periodStart = start;
      s.periodEnd = end;
      const invoice = createInvoice(s, amountOf(s), false, "subscription_cycle", start, end);
      emit("invoice.payment_failed", invoiceObject(invoice));
      emit("customer.subscription.updated", subscriptionObject(s));
      return invoice;
    },
    /** The invoice needs the customer to authenticate (3-D Secure). */
    actionRequired(subscriptionId: string): void {
      const s = requireSubscription(subscriptionId);
      const invoice = s.latestInvoice ? invoices.get(s.latestInvoice) : undefined;
      if (invoice) emit("invoice.payment_action_required", invoiceObject(invoice));
    },
    /** Retries used up: the subscription is canceled (or marked unpaid), per the account's settings. */
    exhaustRetries(subscriptionId: string, end: "canceled" | "unpaid" = "canceled"): void {
      const s = requireSubscription(subscriptionId);
      const t = now();
      s.status = end;
      if (end === "canceled") {
        s.canceledAt = t;
        s.endedAt = t;
        const invoice = s.latestInvoice ? invoices.get(s.latestInvoice) : undefined;
        if (invoice && invoice.status === "open") invoice.status = "void";
        emit("customer.subscription.deleted", subscriptionObject(s));
      } else {
        emit("customer.subscription.updated", subscriptionObject(s));
      }
    },
    /** The customer adds a card (portal): an open invoice of a past_due subscription is paid at once. */
    attachCard(customerId: string, card = "4242424242424242"): void {
      setCard(customerId, card);
      for (const s of subscriptions.values()) {
        if (s.customer !== customerId || (s.status !== "past_due" && s.status !== "unpaid")) continue;
        const invoice = s.latestInvoice ? invoices.get(s.latestInvoice) : undefined;
        if (invoice && invoice.status === "open") {
          invoice.status = "paid";
          invoice.amountPaid = invoice.amountDue;
          invoice.attemptCount++;
          emit("invoice.paid", invoiceObject(invoice));
        }
        s.status = "active";
        emit("customer.subscription.updated", subscriptionObject(s));
      }
    },
    cancel(subscriptionId: string, atPeriodEnd: boolean): void {
      const s = requireSubscription(subscriptionId);
      if (atPeriodEnd) {
        s.cancelAtPeriodEnd = true;
        emit("customer.subscription.updated", subscriptionObject(s));
        return;
      }
      s.status = "canceled";
      s.canceledAt = now();
      s.endedAt = now();
      emit("customer.subscription.deleted", subscriptionObject(s));
    },
    switchPrice(subscriptionId: string, priceId: string): void {
      const s = requireSubscription(subscriptionId);
      if (!prices.has(priceId)) throw new ApiError(400, "invalid_request_error", `No such price: '${priceId}'`, "resource_missing", "items[0][price]");
      s.priceId = priceId;
      emit("customer.subscription.updated", subscriptionObject(s));
    },
  };

  function listOf(path: string, data: Obj[], limit: number): Obj {
    return { object: "list", url: path, has_more: data.length > limit, data: data.slice(0, limit) };
  }

  function api(method: string, path: string, params: Obj): { status: number; body: Obj } {
    const segments = path.split("/").filter(Boolean).slice(1);
    const [resource, id, sub] = segments;
    const limit = Math.min(100, Math.max(1, Number(params.limit ?? 10)));
    const str = (v: unknown) => (typeof v === "string" ? v : undefined);
    if (resource === "customers" && method === "POST" && !id) {
      const customer: Customer = {
        id: newId("cus"), object: "customer", created: now(), email: str(params.email) ?? null, name: str(params.name) ?? null,
        metadata: (params.metadata as Record<string, string>) ?? {}, invoice_settings: { default_payment_method: null }, livemode: false,
      };
      customers.set(customer.id, customer);
      return { status: 200, body: customer as unknown as Obj };
    }
    if (resource === "customers" && method === "GET" && id) {
      const customer = customers.get(id);
      if (!customer) throw new ApiError(404, "invalid_request_error", `No such customer: '${id}'`, "resource_missing", "id");
      return { status: 200, body: customer as unknown as Obj };
    }
    if (resource === "prices" && method === "GET") {
      if (id) {
        const price = prices.get(id);
        if (!price) throw new ApiError(404, "invalid_request_error", `No such price: '${id}'`, "resource_missing", "price");
        return { status: 200, body: priceObject(price) };
      }
      return { status: 200, body: listOf("/v1/prices", [...prices.values()].map(priceObject), limit) };
    }
    if (resource === "checkout" && id === "sessions") {
      const sessionId = sub;
      if (method === "POST" && !sessionId) {
        if (params.mode !== "subscription") throw new ApiError(400, "invalid_request_error", "This stand-in only creates subscription-mode sessions.", "parameter_invalid_empty", "mode");
        const customer = str(params.customer);
        if (!customer || !customers.has(customer)) throw new ApiError(400, "invalid_request_error", `No such customer: '${customer ?? ""}'`, "resource_missing", "customer");
        const items = (params.line_items as Obj[] | undefined) ?? [];
        const priceId = str(items[0]?.price);
        if (!priceId || !prices.has(priceId)) throw new ApiError(400, "invalid_request_error", `No such price: '${priceId ?? ""}'`, "resource_missing", "line_items[0][price]");
        const successUrl = str(params.success_url);
        if (!successUrl) throw new ApiError(400, "invalid_request_error", "Missing required param: success_url.", "parameter_missing", "success_url");
        const subData = (params.subscription_data as Obj | undefined) ?? {};
        const trialDays = subData.trial_period_days !== undefined ? Number(subData.trial_period_days) : null;
        const behaviour = str(((subData.trial_settings as Obj | undefined)?.end_behavior as Obj | undefined)?.missing_payment_method);
        const collection = str(params.payment_method_collection) ?? "always";
        if (collection === "if_required" && trialDays === null) {
          // Stripe only skips the card when nothing is due today.
        }
        const sid = `cs_test_${randomBytes(18).toString("base64url").replace(/-/g, "x")}`;
        const session = {
          id: sid, object: "checkout.session", mode: "subscription", status: "open", customer, subscription: null as string | null,
          url: `${baseUrl}/checkout/${sid}`, success_url: successUrl, cancel_url: str(params.cancel_url) ?? null, client_reference_id: str(params.client_reference_id) ?? null,
          payment_method_collection: collection, payment_status: "unpaid", created: now(), expires_at: now() + DAY, metadata: (params.metadata as Obj) ?? {}, livemode: false,
        };
        sessions.set(sid, {
          session, priceId, quantity: Number(items[0]?.quantity ?? 1), trialDays,
          missingPaymentMethod: behaviour === "pause" || behaviour === "create_invoice" ? behaviour : "cancel",
          metadata: (subData.metadata as Record<string, string>) ?? {},
        });
        return { status: 200, body: session };
      }
      if (method === "GET" && sessionId) {
        const state = sessions.get(sessionId);
        if (!state) throw new ApiError(404, "invalid_request_error", `No such checkout.session: '${sessionId}'`, "resource_missing", "session");
        return { status: 200, body: state.session };
      }
    }
    if (resource === "subscriptions") {
      if (method === "GET" && !id) {
        const customer = str(params.customer);
        const status = str(params.status);
        const all = [...subscriptions.values()]
          .filter((s) => !customer || s.customer === customer)
          .filter((s) => (status === "all" ? true : status ? s.status === status : !["canceled", "incomplete_expired"].includes(s.status)))
          .sort((a, b) => b.created - a.created);
        return { status: 200, body: listOf("/v1/subscriptions", all.map(subscriptionObject), limit) };
      }
      if (method === "GET" && id) return { status: 200, body: subscriptionObject(requireSubscription(id)) };
      if (method === "DELETE" && id) {
        control.cancel(id, false);
        return { status: 200, body: subscriptionObject(requireSubscription(id)) };
      }
      if (method === "POST" && id) {
        const s = requireSubscription(id);
        const items = params.items as Obj[] | undefined;
        const price = str(items?.[0]?.price);
        if (price) control.switchPrice(id, price);
        if (params.cancel_at_period_end !== undefined) {
          s.cancelAtPeriodEnd = params.cancel_at_period_end === "true";
          emit("customer.subscription.updated", subscriptionObject(s));
        }
        return { status: 200, body: subscriptionObject(s) };
      }
    }
    if (resource === "invoices" && method === "GET") {
      if (id) {
        const invoice = invoices.get(id);
        if (!invoice) throw new ApiError(404, "invalid_request_error", `No such invoice: '${id}'`, "resource_missing", "invoice");
        return { status: 200, body: invoiceObject(invoice) };
      }
      const customer = str(params.customer);
      const rows = [...invoices.values()].filter((i) => !customer || i.customer === customer).sort((a, b) => b.created - a.created || b.number.localeCompare(a.number));
      return { status: 200, body: listOf("/v1/invoices", rows.map(invoiceObject), limit) };
    }
    if (resource === "billing_portal" && id === "sessions" && method === "POST") {
      const customer = str(params.customer);
      if (!customer || !customers.has(customer)) throw new ApiError(400, "invalid_request_error", `No such customer: '${customer ?? ""}'`, "resource_missing", "customer");
      const portal = { id: newId("bps"), customer, returnUrl: str(params.return_url) ?? null, created: now() };
      portals.set(portal.id, portal);
      return {
        status: 200,
        body: { id: portal.id, object: "billing_portal.session", customer, url: `${baseUrl}/portal/${portal.id}`, return_url: portal.returnUrl, configuration: "bpc_sandbox", created: portal.created, flow: null, livemode: false, locale: null, on_behalf_of: null },
      };
    }
    throw new ApiError(404, "invalid_request_error", `Unrecognized request URL (${method}: ${path}).`);
  }

  function page(title: string, body: string): string {
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;color:#1e293b}button{padding:.6rem 1rem;margin:.25rem 0;border-radius:6px;border:1px solid #334155;background:#0f172a;color:#fff;font-size:1rem}label{display:block;margin:.75rem 0 .25rem}input{padding:.5rem;font-size:1rem;width:100%;box-sizing:border-box}.error{color:#b91c1c}.muted{color:#475569}</style></head><body><main>${body}</main></body></html>`;
  }

  function checkoutPage(state: SessionState, error?: string): string {
    const price = prices.get(state.priceId)!;
    const trial = state.trialDays !== null;
    const cardOptional = trial && state.session.payment_method_collection === "if_required";
    return page(
      "Stripe Checkout (stand-in)",
      `<h1>Subscribe to ${escapeHtml(price.nickname)}</h1>
<p>${escapeHtml(money(price.unitAmount, price.currency))} per ${price.interval}${trial ? `, after a ${state.trialDays}-day free trial` : ""}.</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ""}
<form method="post" action="/checkout/${state.session.id}">
<label for="card">Card number${cardOptional ? " (optional during the trial)" : ""}</label>
<input id="card" name="card" inputmode="numeric" autocomplete="cc-number" placeholder="4242 4242 4242 4242">
<button type="submit">${trial ? "Start trial" : "Subscribe"}</button>
</form>
${state.session.cancel_url ? `<p><a href="${escapeHtml(state.session.cancel_url)}">Cancel and go back</a></p>` : ""}`,
    );
  }

  function portalPage(portalId: string, error?: string): string {
    const portal = portals.get(portalId)!;
    const customer = customers.get(portal.customer)!;
    const subs = [...subscriptions.values()].filter((s) => s.customer === portal.customer).sort((a, b) => b.created - a.created);
    const current = subs.find((s) => !["canceled", "incomplete_expired"].includes(s.status)) ?? subs[0];
    const invoiceRows = [...invoices.values()].filter((i) => i.customer === portal.customer).sort((a, b) => b.created - a.created);
    const price = current ? prices.get(current.priceId)! : null;
    const switchForms = current && current.status !== "canceled"
      ? [...prices.values()].filter((p) => p.id !== current.priceId).map((p) => `<form method="post" action="/portal/${portalId}/switch"><input type="hidden" name="price" value="${escapeHtml(p.id)}"><button type="submit">Switch to ${escapeHtml(p.nickname)}</button></form>`).join("")
      : "";
    return page(
      "Billing portal (stand-in)",
      `<h1>Billing portal</h1><p class="muted">${escapeHtml(customer.name ?? customer.id)}</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ""}
${current && price ? `<h2>Current plan</h2><p>${escapeHtml(price.nickname)}: <strong>${escapeHtml(current.status)}</strong>${current.cancelAtPeriodEnd ? " (cancels at the end of the period)" : ""}</p>` : "<p>No subscription.</p>"}
<h2>Payment method</h2><p>${customer.invoice_settings.default_payment_method ? "A card is on file." : "No card on file."}</p>
<form method="post" action="/portal/${portalId}/card"><label for="card">Card number</label><input id="card" name="card" inputmode="numeric" placeholder="4242 4242 4242 4242"><button type="submit">Save card</button></form>
${switchForms ? `<h2>Change plan</h2>${switchForms}` : ""}
${current && current.status !== "canceled" && !current.cancelAtPeriodEnd ? `<form method="post" action="/portal/${portalId}/cancel"><button type="submit">Cancel subscription</button></form>` : ""}
<h2>Invoices</h2><ul>${invoiceRows.map((i) => `<li>${escapeHtml(i.number)}: ${escapeHtml(money(i.amountDue, i.currency))} (${i.status})</li>`).join("") || "<li>None yet.</li>"}</ul>
${portal.returnUrl ? `<p><a href="${escapeHtml(portal.returnUrl)}">Return to Sidecar</a></p>` : ""}`,
    );
  }

  async function readBody(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  }

  function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    res.writeHead(status, { "content-type": "application/json", "request-id": newId("req"), ...headers });
    res.end(typeof body === "string" ? body : JSON.stringify(body));
  }

  function sendHtml(res: ServerResponse, status: number, html: string) {
    res.writeHead(status, { "content-type": "text/html; charset=utf-8" });
    res.end(html);
  }

  function redirect(res: ServerResponse, location: string) {
    res.writeHead(303, { location });
    res.end();
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://sandbox");
    const method = req.method ?? "GET";
    const raw = await readBody(req);
    if (url.pathname.startsWith("/v1/")) {
      const idempotencyKey = (req.headers["idempotency-key"] as string | undefined) ?? null;
      requests.push({ method, path: url.pathname, idempotencyKey, stripeVersion: (req.headers["stripe-version"] as string | undefined) ?? null });
      if (req.headers.authorization !== `Bearer ${apiKey}`) {
        const given = (req.headers.authorization ?? "").replace(/^Bearer /, "");
        return sendJson(res, 401, { error: { type: "invalid_request_error", message: `Invalid API Key provided: ${given.slice(0, 8)}${"*".repeat(Math.max(0, given.length - 12))}${given.slice(-4)}` } });
      }
      if (method === "POST" && raw && !String(req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) {
        return sendJson(res, 400, { error: { type: "invalid_request_error", message: "Invalid request: bodies must be application/x-www-form-urlencoded." } });
      }
      const fingerprint = createHash("sha256").update(`${method} ${url.pathname} ${raw}`).digest("hex");
      if (method === "POST" && idempotencyKey) {
        const earlier = idempotency.get(idempotencyKey);
        if (earlier) {
          if (earlier.fingerprint !== fingerprint) {
            return sendJson(res, 400, { error: { type: "idempotency_error", message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.` } });
          }
          return sendJson(res, earlier.status, earlier.body, { "idempotent-replayed": "true", "idempotency-key": idempotencyKey });
        }
      }
      const params = parseStripeForm(method === "GET" || method === "DELETE" ? url.search.slice(1) : raw);
      let status: number;
      let body: string;
      try {
        const result = api(method, url.pathname, params);
        status = result.status;
        body = JSON.stringify(result.body);
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        status = err.status;
        body = JSON.stringify({ error: { type: err.type, message: err.message, ...(err.code ? { code: err.code } : {}), ...(err.param ? { param: err.param } : {}) } });
      }
      if (method === "POST" && idempotencyKey) idempotency.set(idempotencyKey, { fingerprint, status, body });
      return sendJson(res, status, body, idempotencyKey ? { "idempotency-key": idempotencyKey } : {});
    }
    const [area, id, verb] = url.pathname.split("/").filter(Boolean);
    if (area === "checkout" && id) {
      const state = sessions.get(id);
      if (!state) return sendHtml(res, 404, page("Not found", "<h1>This Checkout link is not valid.</h1>"));
      if (method === "GET") return sendHtml(res, 200, state.session.status === "open" ? checkoutPage(state) : page("Done", "<h1>This Checkout session is complete.</h1>"));
      const form = new URLSearchParams(raw);
      try {
        control.completeCheckout(id, form.get("card")?.trim() || null);
      } catch (err) {
        if (err instanceof ApiError) return sendHtml(res, 402, checkoutPage(state, err.message));
        throw err;
      }
      return redirect(res, state.session.success_url.replace("{CHECKOUT_SESSION_ID}", id));
    }
    if (area === "portal" && id) {
      const portal = portals.get(id);
      if (!portal) return sendHtml(res, 404, page("Not found", "<h1>This portal link is not valid.</h1>"));
      if (method === "GET") return sendHtml(res, 200, portalPage(id));
      const form = new URLSearchParams(raw);
      const current = [...subscriptions.values()].filter((s) => s.customer === portal.customer).sort((a, b) => b.created - a.created).find((s) => s.status !== "canceled");
      try {
        if (verb === "card") control.attachCard(portal.customer, form.get("card")?.trim() || "");
        else if (verb === "switch" && current) control.switchPrice(current.id, form.get("price") ?? "");
        else if (verb === "cancel" && current) control.cancel(current.id, true);
      } catch (err) {
        if (err instanceof ApiError) return sendHtml(res, 402, portalPage(id, err.message));
        throw err;
      }
      return redirect(res, `/portal/${id}`);
    }
    if (area === "invoice" && id) {
      const invoice = invoices.get(id);
      if (!invoice) return sendHtml(res, 404, page("Not found", "<h1>No such invoice.</h1>"));
      return sendHtml(res, 200, page(`Invoice ${invoice.number}`, `<h1>Invoice ${escapeHtml(invoice.number)}</h1><p>${escapeHtml(money(invoice.amountDue, invoice.currency))}: ${invoice.status}</p>`));
    }
    sendHtml(res, 404, page("Not found", "<h1>Not found</h1>"));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: { type: "api_error", message: err instanceof Error ? err.message : "internal" } });
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: baseUrl,
    apiKey,
    get webhookSecret() {
      return webhookSecret;
    },
    customers,
    subscriptions,
    invoices,
    sessions,
    events,
    deliveries,
    requests,
    ...control,
    addPrice(price: SandboxPrice) {
      prices.set(price.id, price);
    },
    addCustomer(input: { name: string; email: string; metadata?: Record<string, string> }): Customer {
      const customer: Customer = { id: newId("cus"), object: "customer", created: now(), email: input.email, name: input.name, metadata: input.metadata ?? {}, invoice_settings: { default_payment_method: null }, livemode: false };
      customers.set(customer.id, customer);
      return customer;
    },
    setWebhook(url: string | null, secret?: string) {
      webhookUrl = url;
      if (secret) webhookSecret = secret;
    },
    /** Hold events (tests then reorder or duplicate them) or send each as it happens. */
    holdEvents(on: boolean) {
      hold = on;
    },
    /** The held events, in the order given (default: as they happened), then forgotten. */
    async flush(order: (events: SandboxEvent[]) => SandboxEvent[] = (e) => e) {
      const batch = order(held.splice(0, held.length));
      for (const event of batch) await send(event);
    },
    /** Sends an event again (Stripe's retries and redeliveries carry the same id). */
    redeliver(eventId: string, overrides: { secret?: string; timestamp?: number } = {}) {
      const event = events.find((e) => e.id === eventId);
      if (!event) throw new Error(`no event ${eventId}`);
      return send(event, overrides);
    },
    /** Moves the sandbox's clock (event timestamps, periods) by `seconds`. */
    advanceClock(seconds: number) {
      clockOffset += seconds;
    },
    subscriptionOf(customerId: string): SubscriptionState | undefined {
      return [...subscriptions.values()].filter((s) => s.customer === customerId).sort((a, b) => b.created - a.created)[0];
    },
    /** Waits for every delivery in flight. */
    async settle() {
      while (inFlight.size) await Promise.all([...inFlight]);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type StripeSandbox = Awaited<ReturnType<typeof startStripeSandbox>>;
