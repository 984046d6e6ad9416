import "server-only";
import { requireMember, type OrgContext } from "@/lib/auth/context";
import type { Permission } from "@/lib/auth/permissions";
import { getCurrentSession } from "@/lib/auth/session";
import { UserError } from "@/lib/errors";

const STATUS: Record<string, number> = { unauthenticated: 401, forbidden: 403, not_found: 404 };

/**
 * A route handler on one agency's data (downloads, exports): the member and permission are
 * checked like an action's; a stranger and a missing agency both get 404 as JSON.
 */
export function orgRoute<P extends { slug: string }>(permission: Permission, handler: (request: Request, ctx: OrgContext, params: P) => Promise<Response>) {
  return async (request: Request, { params }: { params: Promise<P> }): Promise<Response> => {
    const resolved = await params;
    let ctx: OrgContext;
    try {
      ctx = await requireMember(await getCurrentSession(), resolved.slug, permission);
    } catch (err) {
      if (err instanceof UserError) return Response.json({ error: err.message }, { status: STATUS[err.code] ?? 400 });
      throw err;
    }
    try {
      return await handler(request, ctx, resolved);
    } catch (err) {
      // A record the member may not see, found only once the handler looks: the same 404.
      if (err instanceof UserError) return Response.json({ error: err.message }, { status: STATUS[err.code] ?? 400 });
      throw err;
    } finally {
      // A streamed body reads after this through the same handle: a new transaction, then idle.
      await ctx.db.close();
    }
  };
}
