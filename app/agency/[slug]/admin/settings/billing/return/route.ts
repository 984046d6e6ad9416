import { orgRoute } from "@/lib/entry/org-route";
import { completeCheckoutReturn } from "@/lib/billing/account";
import { billingPath } from "@/lib/billing/entitlements";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

/** Stripe Checkout's success URL: the session must be the agency's own; the subscription is synced before the page shows it. */
export const GET = orgRoute<{ slug: string }>("billing.manage", async (request, ctx) => {
  await completeCheckoutReturn(ctx, new URL(request.url).searchParams.get("session_id"));
  return new Response(null, { status: 303, headers: { location: new URL(`${billingPath(ctx.organization.slug)}?checkout=done`, env.APP_URL).toString() } });
});
