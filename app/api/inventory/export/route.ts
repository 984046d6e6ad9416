import { z } from "zod";
import { assertClinicAccess, requireMember } from "@/lib/auth/context";
import { getCurrentSession } from "@/lib/auth/session";
import { NotFoundError, UserError } from "@/lib/errors";
import { streamInventoryCsv } from "@/lib/inventory/csv-export";
import { log } from "@/lib/log";

export const dynamic = "force-dynamic";

const ZExportQuery = z.object({
  agency: z.string().min(1).max(64),
  /** One clinic; absent: every clinic the member may see. */
  clinic: z.string().min(1).max(64).optional(),
});

/** GET /api/inventory/export?agency=<slug>[&clinic=<locationId>]: the items as a streamed CSV. */
export async function GET(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const query = ZExportQuery.safeParse(Object.fromEntries(url.searchParams));
  if (!query.success) return Response.json({ error: "agency is required; clinic is optional" }, { status: 400 });
  try {
    const ctx = await requireMember(await getCurrentSession(), query.data.agency, "inventory.read");
    let locationIds: string[];
    if (query.data.clinic) {
      assertClinicAccess(ctx, query.data.clinic);
      const clinic = await ctx.db.location.findUnique({ where: { id: query.data.clinic }, select: { id: true } });
      if (!clinic) throw new NotFoundError();
      locationIds = [clinic.id];
    } else {
      locationIds = ctx.clinicIds ?? (await ctx.db.location.findMany({ select: { id: true } })).map((l) => l.id);
    }
    const day = new Date().toISOString().slice(0, 10);
    return new Response(streamInventoryCsv(ctx.db, locationIds), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="inventory-${day}.csv"`,
        "cache-control": "no-store",
      },
    });
  } catch (err) {
    if (err instanceof UserError) {
      const status = err.code === "unauthenticated" ? 401 : err.code === "forbidden" ? 403 : 404;
      return Response.json({ error: err.message }, { status });
    }
    log.error({ err }, "inventory export failed");
    return Response.json({ error: "the export failed; try again" }, { status: 500 });
  }
}
