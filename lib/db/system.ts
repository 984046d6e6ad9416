import "server-only";
import pg from "pg";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { prisma } from "@/lib/db/client";
import { TenantScopeError } from "@/lib/db/org-client";
import { HOLDABLE_STATEMENT_TAG } from "@/lib/db/connection";
import { SYSTEM_DB_ROLE, isTenantModel } from "@/lib/db/tenant-models";

/**
 * The explicit path for work that must cross tenants. Tenant data is otherwise read only through
 * `forOrg(organizationId)`; the raw client is not importable outside lib/db (a lint rule).
 *
 * Each need below is named, says why it exists and which models it may touch. Its tenant-table
 * queries run inside a transaction as `sidecar_system` (a role without BYPASSRLS that the
 * `system_access` policy admits) with `app.system_need` set to the need's name, so they show up
 * as such in pg_stat_activity and statement logs. A query of a model the need does not list is
 * refused before it reaches the database.
 *
 * To add one: add an entry here (name, why, models), then call `systemDb("<name>")` from the
 * feature. Keep what it returns to identifiers where it can, and continue with `forOrg(id)`.
 */
export const SYSTEM_NEEDS = {
  "auth.adapter": {
    why: "Better Auth's adapter: users, sessions, sign-in codes, and the organization plugin's memberships and invitations",
    models: ["User", "Session", "Account", "Verification", "Organization", "Member", "Invitation"],
  },
  "auth.membership": {
    why: "which agencies and clinics the signed-in user belongs to (slug to context, idle policy, destinations)",
    models: ["Member", "Session"],
  },
  "auth.invitation": {
    why: "an invitation found by its unguessable id or the invitee's address, before the invitee is a member",
    models: ["Invitation"],
  },
  "ghl.webhook-tenant": {
    why: "a GHL webhook's tenant, from Sidecar's own clinic table (GHL locationId)",
    models: ["Location"],
  },
  "webhooks.inbox-drain": {
    why: "the webhook drain finds which clinics have events waiting (identifiers only), then applies them through forOrg",
    models: ["WebhookInbox"],
  },
  "calcom.webhook-tenant": {
    why: "a Cal.com webhook's tenant, from the connection its URL names (?hook=); its secret is then read through forOrg",
    models: ["CalcomConnection"],
  },
  "calcom.fan-out": {
    why: "the nightly Cal.com reconciliation lists each agency's connection as identifiers, then works through forOrg",
    models: ["CalcomConnection"],
  },
  "stripe.webhook-tenant": {
    why: "a Stripe webhook's agency, from the Stripe customer id Sidecar stored when it created the customer (identifiers only)",
    models: ["Organization"],
  },
  "ghl.company-connection": {
    why: "a Marketplace install or a company-level GHL webhook names a GHL companyId; which agency's connection holds it (identifiers only)",
    models: ["GhlConnection"],
  },
  "ghl.oauth-state": {
    why: "the GHL OAuth callback finds its state by the unguessable nonce, then checks it belongs to the caller",
    models: ["OAuthState"],
  },
  "cron.fan-out": {
    why: "scheduled jobs list each agency's due work as identifiers, then do it through forOrg",
    models: ["Location", "Organization"],
  },
  "platform.agencies": {
    why: "platform admins create agencies with their owner's invitation and list every agency",
    models: ["Organization", "Invitation", "Member"],
  },
  "platform.impersonation": {
    why: "a platform admin's look-in belongs to their session, not to a membership: it is started, found and ended by session",
    models: ["Impersonation", "Member"],
  },
  "platform.oversight": {
    why: "the platform area's views across agencies: every audit log, every clinic whose sync is not healthy, the agency list (its clinics, members, failing syncs and Ask Sidecar use, counted in one transaction)",
    models: ["AuditLog", "Organization", "LocationSync", "Location", "AskUsage"],
  },
  "platform.audit": {
    why: "platform-level audit entries, which belong to no organization",
    models: ["AuditLog"],
  },
  "orgs.directory": {
    why: "organizations and users are not tenant rows: slugs, names, settings, the people an audit entry names",
    models: ["Organization", "User"],
  },
  "prevention.fan-out": {
    why: "the prevention cron lists which agencies have a policy on or a waitlist (identifiers only), then works through forOrg",
    models: ["PreventionPolicy", "WaitlistEntry"],
  },
  "mail.dev-mailbox": {
    why: "the development mail store and its page",
    models: ["DevMail"],
  },
} as const satisfies Record<string, { why: string; models: readonly Prisma.ModelName[] }>;

export type SystemNeed = keyof typeof SYSTEM_NEEDS;

/** Literals, not parameters, and holdable: it shares the round trip of the transaction's first statement (as enterTenantSql does). */
function enterSystemSql(need: SystemNeed) {
  return Prisma.raw(`${HOLDABLE_STATEMENT_TAG} SELECT set_config('role', ${pg.escapeLiteral(SYSTEM_DB_ROLE)}, true), set_config('app.system_need', ${pg.escapeLiteral(need)}, true)`);
}

function assertModel(need: SystemNeed, model: string | undefined) {
  const models: readonly string[] = SYSTEM_NEEDS[need].models;
  if (!model || !models.includes(model)) {
    throw new TenantScopeError(`${model ?? "this query"} is not part of the system need "${need}"; add it in lib/db/system.ts if it must be`);
  }
}

function needExtension(need: SystemNeed) {
  return Prisma.defineExtension({
    name: `system:${need}`,
    query: {
      $allModels: {
        $allOperations({ model, args, query }) {
          assertModel(need, model);
          return query(args);
        },
      },
    },
  });
}

function createCheckedClient(base: PrismaClient, need: SystemNeed) {
  return base.$extends(needExtension(need));
}

type CheckedClient = ReturnType<typeof createCheckedClient>;
/** The client inside `systemDb(need).transaction(fn)`: limited to the need's models, already as the system role. */
export type SystemTransaction = Parameters<Parameters<CheckedClient["$transaction"]>[0]>[0];

export function createSystemClient(base: PrismaClient, need: SystemNeed) {
  if (!(need in SYSTEM_NEEDS)) throw new TenantScopeError(`unknown system need "${need}"`);
  const checked = createCheckedClient(base, need);
  return base.$extends({
    name: `system-rls:${need}`,
    query: {
      $allModels: {
        async $allOperations({ model, args, query }) {
          assertModel(need, model);
          // Tables without tenant rows need no role switch (and stay usable inside a caller's
          // own transaction, as Better Auth's adapter opens for sign-in codes).
          if (!isTenantModel(model)) return query(args);
          const [, result] = await base.$transaction([base.$executeRaw(enterSystemSql(need)), query(args)]);
          return result;
        },
      },
    },
    client: {
      need,
      /** Several statements in one transaction as the system role. Use only `tx` inside. */
      transaction<T>(fn: (tx: SystemTransaction) => Promise<T>, options?: { timeout?: number; maxWait?: number }): Promise<T> {
        return checked.$transaction(async (tx) => {
          await tx.$executeRaw(enterSystemSql(need));
          return fn(tx);
        }, options);
      },
    },
  });
}

export type SystemDb = ReturnType<typeof createSystemClient>;

const clients = new Map<SystemNeed, SystemDb>();

/** The client of one named cross-tenant need (see SYSTEM_NEEDS). */
export function systemDb(need: SystemNeed): SystemDb {
  let client = clients.get(need);
  if (!client) {
    client = createSystemClient(prisma, need);
    clients.set(need, client);
  }
  return client;
}
