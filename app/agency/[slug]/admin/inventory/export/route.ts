import "server-only";
import { z } from "zod";
import { requireClinic, visibleClinics } from "@/lib/clinic/clinics";
import { streamInventoryCsv } from "@/lib/inventory/csv-export";
import { orgRoute } from "@/lib/entry/org-route";

export const dynamic = "force-dynamic";

const ZExportQuery = z.object({
  /** One clinic; absent: every clinic the member may see. */
  clinic: z.string().min(1).max(64).optional(),
});

/** GET /agency/<slug>/admin/inventory/export[?clinic=<locationId>]: the items as a streamed CSV. */
export const GET = orgRoute("inventory.read", async (request, ctx) => {
  const query = ZExportQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return Response.json({ error: "clinic must be a clinic id" }, { status: 400 });
  const locationIds = query.data.clinic ? [(await requireClinic(ctx, query.data.clinic)).id] : (await visibleClinics(ctx)).map((c) => c.id);
  const day = new Date().toISOString().slice(0, 10);
  return new Response(streamInventoryCsv(ctx.db, locationIds), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="inventory-${day}.csv"`,
      "cache-control": "no-store",
    },
  });
});
