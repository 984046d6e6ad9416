import "server-only";
import { randomUUID } from "node:crypto";
import { z, ZodError } from "zod";
import { recordAudit } from "@/lib/audit/audit";
import { assertAllowed, requireMembership, requirePlatformAdmin, type OrgContext, type PlatformContext } from "@/lib/auth/context";
import type { Permission } from "@/lib/auth/permissions";
import { getCurrentSession, type CurrentSession } from "@/lib/auth/session";
import { UnauthenticatedError, UserError } from "@/lib/errors";
import { log } from "@/lib/log";
import { zodFieldErrors } from "@/lib/forms/field-errors";
import { assertRateLimit, RATE_LIMITS, type RateLimitPolicy } from "@/lib/ratelimit";
import { assertWritable } from "@/lib/billing/entitlements";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Every server action goes through `runAction`: session → context (organization, role, clinic
 * scope) → zod → rate limit → run → audit → a typed result the form renders. The three
 * builders below differ only in how the context is resolved. Agency actions also ask the
 * agency's entitlement (lib/billing/entitlements.ts) before anything else: while the agency is
 * read-only every one of them is refused, except the few that restore access (billing).
 */

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: string; error: string; fieldErrors?: Record<string, string[]> };

export interface AuditDetails {
  /** Platform actions name the agency they touched. */
  organizationId?: string | null;
  targetType?: string;
  targetId?: string;
  metadata?: Prisma.InputJsonValue;
}

interface ActionSpec<S extends z.ZodType, T, C> {
  /** "<area>.<verb>": the audit action and the rate-limit key. */
  name: `${string}.${string}`;
  input: S;
  limit?: RateLimitPolicy;
  /** What the audit entry should name as the target; called on success. */
  audit?: (input: z.output<S>, data: T, ctx: C) => AuditDetails;
  run: (input: z.output<S>, ctx: C) => Promise<T>;
}

interface OrgActionSpec<S extends z.ZodType, T> extends ActionSpec<S, T, OrgContext> {
  permission: Permission;
  /**
   * "allowed": the action still runs while the agency is read-only (billing: subscribing again,
   * the customer portal). Every other agency action is refused then.
   */
  whileReadOnly?: "allowed";
}

function fail(code: string, error: string, fieldErrors?: Record<string, string[]>): ActionResult<never> {
  return fieldErrors ? { ok: false, code, error, fieldErrors } : { ok: false, code, error };
}

export function toActionError(err: unknown, eventId: string): ActionResult<never> {
  if (err instanceof ZodError) {
    const fieldErrors = zodFieldErrors(err);
    const first = err.issues[0];
    return fail("invalid_input", first ? `Please check the form: ${first.message}` : "Please check the form.", fieldErrors);
  }
  if (err instanceof UserError) {
    return fail(err.code, err.message, err.fieldErrors ?? (err.field ? { [err.field]: [err.message] } : undefined));
  }
  log.error({ err, eventId }, "unexpected action error");
  return fail("internal", `Something went wrong (ref ${eventId.slice(0, 8)}). Please try again.`);
}

interface Resolved<C> {
  ctx: C;
  organizationId: string | null;
  userId: string;
  /** The platform admin acting as `userId` while looking in; audited with every action. */
  impersonatorUserId?: string | null;
  /** The permission check, run once the caller is known so that a refusal is audited too. */
  authorize?: () => void;
  /** Ends the unit of work's database handle before the result goes back. */
  close?: () => Promise<void>;
}

async function runAction<S extends z.ZodType, T, C>(
  spec: ActionSpec<S, T, C>,
  resolve: (session: CurrentSession | null) => Promise<Resolved<C>>,
  raw: unknown,
  /** Checked once the caller is known, before the input: a refusal that does not depend on it. */
  guard?: (ctx: C) => Promise<void>,
): Promise<ActionResult<T>> {
  const eventId = randomUUID();
  let resolved: Resolved<C> | null = null;
  let input: z.output<S> | undefined;
  try {
    resolved = await resolve(await getCurrentSession());
    resolved.authorize?.();
    await guard?.(resolved.ctx);
    input = spec.input.parse(raw);
    await assertRateLimit(spec.limit ?? RATE_LIMITS.mutation, `${spec.name}:${resolved.userId}`);
    const data = await spec.run(input, resolved.ctx);
    const details = spec.audit?.(input, data, resolved.ctx) ?? {};
    await recordAudit({
      actorUserId: resolved.userId,
      impersonatorUserId: resolved.impersonatorUserId,
      action: spec.name,
      outcome: "success",
      ...details,
      organizationId: details.organizationId ?? resolved.organizationId,
    });
    return { ok: true, data };
  } catch (err) {
    if (resolved) {
      await recordAudit({
        organizationId: resolved.organizationId,
        actorUserId: resolved.userId,
        impersonatorUserId: resolved.impersonatorUserId,
        action: spec.name,
        outcome: "failure",
        metadata: { code: err instanceof UserError ? err.code : err instanceof ZodError ? "invalid_input" : "internal", eventId },
      });
    }
    return toActionError(err, eventId);
  } finally {
    await resolved?.close?.();
  }
}

/** An action on one agency's data: `(slug, input)`; non-members get not_found. */
export function orgAction<S extends z.ZodType, T>(spec: OrgActionSpec<S, T>) {
  return async (slug: string, raw: z.input<S>): Promise<ActionResult<T>> =>
    runAction(
      spec,
      async (session) => {
        const ctx = await requireMembership(session, slug);
        return {
          ctx,
          organizationId: ctx.organization.id,
          userId: ctx.user.id,
          impersonatorUserId: ctx.impersonator?.userId ?? null,
          authorize: () => assertAllowed(ctx, spec.permission),
          close: () => ctx.db.close(),
        };
      },
      raw,
      spec.whileReadOnly === "allowed" ? undefined : (ctx) => assertWritable(ctx.organization),
    );
}

/** An action of the signed-in user that belongs to no agency yet (accepting an invitation, signing out everywhere). */
export function userAction<S extends z.ZodType, T>(spec: ActionSpec<S, T, CurrentSession>) {
  return async (raw: z.input<S>): Promise<ActionResult<T>> =>
    runAction(
      spec,
      async (session) => {
        if (!session) throw new UnauthenticatedError();
        return { ctx: session, organizationId: null, userId: session.user.id };
      },
      raw,
    );
}

/** A platform-admin action; everyone else gets not_found. */
export function platformAction<S extends z.ZodType, T>(spec: ActionSpec<S, T, PlatformContext>) {
  return async (raw: z.input<S>): Promise<ActionResult<T>> =>
    runAction(
      spec,
      async (session) => {
        const ctx = await requirePlatformAdmin(session);
        return { ctx, organizationId: null, userId: ctx.user.id };
      },
      raw,
    );
}
