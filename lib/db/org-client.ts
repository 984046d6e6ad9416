import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { APP_DB_ROLE, TENANT_MODELS, isTenantModel } from "@/lib/db/tenant-models";
import { scopeClinicArgs, type ClinicSet } from "@/lib/db/clinic-scope";
import { CREATE_OPERATIONS, WHERE_OPERATIONS } from "@/lib/db/operations";

/**
 * The org-scoped client: every read and write of a tenant model gets `organizationId` added,
 * and runs inside a transaction that switches to the app's database role (no BYPASSRLS) and
 * sets `app.org_id`, so Postgres row-level security refuses other tenants' rows even when the
 * application code is wrong.
 */

export class TenantScopeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TenantScopeError";
  }
}

type Args = Record<string, unknown> | undefined;

// A where with an undefined value matches as if the key were absent: `{ id: undefined }` would
// find another record. Refuse it rather than widen silently.
const GUARDED_OPERATIONS = new Set([
  "findUnique",
  "findUniqueOrThrow",
  "findFirst",
  "findFirstOrThrow",
  "update",
  "updateMany",
  "updateManyAndReturn",
  "delete",
  "deleteMany",
  "upsert",
]);

function withOrg(data: unknown, organizationId: string): unknown {
  if (Array.isArray(data)) return data.map((row) => withOrg(row, organizationId));
  if (data && typeof data === "object") {
    const row = data as Record<string, unknown>;
    if ("organizationId" in row && row.organizationId !== organizationId) {
      throw new TenantScopeError("a record cannot be written to another organization");
    }
    return { ...row, organizationId };
  }
  return data;
}

/** Adds organizationId to the where and data of one Prisma operation. Exported for unit tests. */
export function scopeArgs(operation: string, args: Args, organizationId: string): Args {
  const scoped: Record<string, unknown> = { ...(args ?? {}) };
  if (WHERE_OPERATIONS.has(operation)) {
    const where = (scoped.where ?? {}) as Record<string, unknown>;
    if (GUARDED_OPERATIONS.has(operation)) {
      const undefinedKey = Object.keys(where).find((key) => where[key] === undefined);
      if (undefinedKey !== undefined) throw new TenantScopeError(`where.${undefinedKey} is undefined`);
      if (operation.endsWith("Many") && Object.keys(where).length === 0) {
        throw new TenantScopeError(`${operation} needs a filter; pass one explicitly`);
      }
    }
    scoped.where = { ...where, organizationId };
  }
  if (CREATE_OPERATIONS.has(operation)) scoped.data = withOrg(scoped.data, organizationId);
  if (operation === "upsert") scoped.create = withOrg(scoped.create, organizationId);
  if (operation.startsWith("update") || operation === "upsert") {
    const data = (operation === "upsert" ? scoped.update : scoped.data) as Record<string, unknown> | undefined;
    if (data && "organizationId" in data && data.organizationId !== organizationId) {
      throw new TenantScopeError("organizationId cannot be changed");
    }
  }
  return scoped;
}

/** The organization's scope, then (for clinic staff) the member's clinics. */
function scopeAll(model: string, operation: string, args: Args, organizationId: string, clinics: ClinicSet): Args {
  if (!isTenantModel(model)) {
    throw new TenantScopeError(`${model} is not a tenant model; read it through lib/db helpers`);
  }
  return scopeClinicArgs(model, operation, scopeArgs(operation, args, organizationId), clinics);
}

function scopeExtension(organizationId: string, clinics: ClinicSet) {
  return Prisma.defineExtension({
    name: "org-scope",
    query: {
      $allModels: {
        $allOperations({ model, operation, args, query }) {
          return query(scopeAll(model, operation, args as Args, organizationId, clinics) as typeof args);
        },
      },
    },
  });
}

function enterTenantSql(organizationId: string) {
  return Prisma.sql`SELECT set_config('role', ${APP_DB_ROLE}, true), set_config('app.org_id', ${organizationId}, true)`;
}

function createScopedClient(base: PrismaClient, organizationId: string, clinics: ClinicSet) {
  return base.$extends(scopeExtension(organizationId, clinics));
}

type ScopedClient = ReturnType<typeof createScopedClient>;
/** The client inside `db.transaction(fn)`: scoped like OrgDb, already under the tenant's settings. */
export type OrgTransaction = Parameters<Parameters<ScopedClient["$transaction"]>[0]>[0];

/**
 * `clinics` narrows the handle to a member's clinics (clinic staff); "all" is the organization
 * as a whole (owners, admins, cron and webhooks).
 */
export function createOrgClient(base: PrismaClient, organizationId: string, clinics: ClinicSet) {
  if (!organizationId) throw new TenantScopeError("organizationId is required");
  if (clinics !== "all" && !Array.isArray(clinics)) throw new TenantScopeError("a member's handle needs its clinic set");
  const scoped = createScopedClient(base, organizationId, clinics);
  return base.$extends({
    name: "org-rls",
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          const scopedArgs = scopeAll(model, operation, args as Args, organizationId, clinics) as typeof args;
          // Batch transaction: the role switch and app.org_id last exactly as long as the query.
          const [, result] = await base.$transaction([base.$executeRaw(enterTenantSql(organizationId)), query(scopedArgs)]);
          return result;
        },
      },
    },
    client: {
      organizationId,
      /**
       * Several statements in one transaction, under the same tenant settings. Use only `tx`
       * inside: the embedded database has one connection, and this transaction holds it.
       */
      transaction<T>(fn: (tx: OrgTransaction) => Promise<T>, options?: { timeout?: number; maxWait?: number }): Promise<T> {
        return scoped.$transaction(async (tx) => {
          await tx.$executeRaw(enterTenantSql(organizationId));
          return fn(tx);
        }, options);
      },
    },
  });
}

export type OrgDb = ReturnType<typeof createOrgClient>;

export { TENANT_MODELS };
