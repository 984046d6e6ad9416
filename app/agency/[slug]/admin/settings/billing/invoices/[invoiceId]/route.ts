import { orgRoute } from "@/lib/entry/org-route";
import { invoiceUrl } from "@/lib/billing/account";

export const dynamic = "force-dynamic";

/** One of the agency's invoices on Stripe's hosted invoice page (another agency's: 404). */
export const GET = orgRoute<{ slug: string; invoiceId: string }>("billing.manage", async (_request, ctx, params) => {
  return new Response(null, { status: 303, headers: { location: await invoiceUrl(ctx, params.invoiceId) } });
});
