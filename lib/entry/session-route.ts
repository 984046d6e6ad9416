import "server-only";
import { randomUUID } from "node:crypto";
import { ZodError } from "zod";
import { recordAudit } from "@/lib/audit/audit";
import { allows, resolveOrgContextById, type OrgContext } from "@/lib/auth/context";
import type { Permission } from "@/lib/auth/permissions";
import { getSessionFromHeaders, type CurrentSession } from "@/lib/auth/session";
import type { AuditDetails } from "@/lib/entry/action";
import { UserError } from "@/lib/errors";
import { log } from "@/lib/log";
import { assertRateLimit, RATE_LIMITS, type RateLimitPolicy } from "@/lib/ratelimit";

/**
 * What a signed-in route outside any agency (an OAuth callback) knows of its caller: the session,
 * and the one way to act in an agency the request names by id (an OAuth state does): the caller's
 * own membership there, with the permission checked by `allows`.
 */
export interface SessionContext {
  session: CurrentSession;
  /** The caller's context in that agency when it grants the permission; null for a stranger or a member without it. */
  memberOf(organizationId: string, permission: Permission): Promise<OrgContext | null>;
}

export interface SessionRouteResult {
  response: Response;
  /** What the audit entry names; `organizationId` when the request acted in an agency. */
  audit?: AuditDetails;
}

/**
 * A route handler for a signed-in person who is in no agency yet (GHL's OAuth callback):
 * session → rate limit per person → run → audit → answer. Signed out, the person gets
 * `signedOut` (a redirect to the login page). Every call that got past the session is audited,
 * refusals and failures included: in the agency where the caller turned out to be a member, or
 * in the platform's log when there is none. Unexpected errors are logged with a reference and
 * never shown.
 */
export function sessionRoute(spec: {
  /** "<area>.<verb>": the audit action and the rate-limit key. */
  name: `${string}.${string}`;
  limit?: RateLimitPolicy;
  signedOut(request: Request): Response;
  run(request: Request, ctx: SessionContext): Promise<SessionRouteResult>;
  /** The answer to a refusal or failure; `code` is the UserError's code, or "internal". */
  failed(code: string, request: Request): Response;
}) {
  return async function handler(request: Request): Promise<Response> {
    const session = await getSessionFromHeaders(request.headers);
    if (!session) return spec.signedOut(request);
    const eventId = randomUUID();
    const opened: OrgContext[] = [];
    // The agency the request turned out to act in: a failure is audited there.
    let organizationId: string | null = null;
    const ctx: SessionContext = {
      session,
      async memberOf(id, permission) {
        const member = await resolveOrgContextById(session, id);
        if (!member) return null;
        opened.push(member);
        organizationId = member.organization.id;
        return allows(member, permission) ? member : null;
      },
    };
    try {
      await assertRateLimit(spec.limit ?? RATE_LIMITS.sessionRoute, `${spec.name}:${session.user.id}`);
      const { response, audit = {} } = await spec.run(request, ctx);
      await recordAudit({ actorUserId: session.user.id, action: spec.name, outcome: "success", ...audit, organizationId: audit.organizationId ?? organizationId });
      return response;
    } catch (err) {
      const code = err instanceof UserError ? err.code : err instanceof ZodError ? "invalid_input" : "internal";
      if (code === "internal") log.error({ err, eventId, route: spec.name }, "session route failed");
      await recordAudit({ organizationId, actorUserId: session.user.id, action: spec.name, outcome: "failure", metadata: { code, eventId } });
      return spec.failed(code, request);
    } finally {
      await Promise.all(opened.map((member) => member.db.close()));
    }
  };
}
