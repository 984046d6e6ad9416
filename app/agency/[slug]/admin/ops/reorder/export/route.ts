import "server-only";
import { z } from "zod";
import { requireClinic } from "@/lib/clinic/clinics";
import { draftReorder, loadInventoryPicture } from "@/lib/ops/inventory-picture";
import { orgRoute } from "@/lib/entry/org-route";
import { csvRows } from "@/lib/csv/cell";

export const dynamic = "force-dynamic";

const ZQuery = z.object({ clinic: z.string().min(1).max(64).optional() });

/** GET /agency/<slug>/admin/ops/reorder/export[?clinic=<id>]: the suggested order per supplier as CSV. */
export const GET = orgRoute("inventory.manage", async (request, ctx) => {
  const query = ZQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return Response.json({ error: "clinic must be a clinic id" }, { status: 400 });
  let locationIds: string[] | null = ctx.clinicIds;
  if (query.data.clinic) {
    locationIds = [(await requireClinic(ctx, query.data.clinic)).id];
  }
  const picture = await loadInventoryPicture(ctx.db, new Date(), locationIds);
  const rows = draftReorder(picture.items).flatMap((order) =>
    order.lines.map((l) => [order.supplier, l.clinic, l.sku, l.name, l.quantity, l.unit, (l.costCents / 100).toFixed(2), ((l.costCents * l.quantity) / 100).toFixed(2), l.why]),
  );
  const csv = csvRows(rows, { header: ["supplier", "clinic", "sku", "name", "quantity", "unit", "unit_cost", "line_total", "why"] });
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="reorder-${new Date().toISOString().slice(0, 10)}.csv"`,
      "cache-control": "no-store",
    },
  });
});
