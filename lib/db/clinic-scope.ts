import "server-only";
import { CREATE_OPERATIONS, WHERE_OPERATIONS } from "@/lib/db/operations";

/**
 * The clinic (sub-tenant) scope of a member's database handle. Clinic staff see only their
 * assigned clinics: every query of a clinic-owned model made through their handle gets the
 * clinic set added to its filter, as the org-scoped client adds the organization, so a page or
 * action that forgets to check the clinic still cannot return another clinic's row.
 *
 * Not covered: raw SQL (`$queryRaw`), which filters by `ctx.clinicIds` itself, and creates of
 * models owned through a parent (a note through its contact, a lot through its item), which
 * are made after reading that parent through the same handle.
 */

export class ClinicScopeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ClinicScopeError";
  }
}

/** Every clinic of the agency (owners and admins), or exactly these. */
export type ClinicSet = "all" | readonly string[];

type Filter = (ids: string[]) => Record<string, unknown>;
const byLocation: Filter = (ids) => ({ locationId: { in: ids } });

/** How each clinic-owned model names its clinic. A unit test keeps this in step with the schema. */
export const CLINIC_OWNED_MODELS: Record<string, { filter: Filter; direct: boolean }> = {
  Location: { filter: (ids) => ({ id: { in: ids } }), direct: false },
  MemberLocation: { filter: byLocation, direct: true },
  Contact: { filter: byLocation, direct: true },
  Appointment: { filter: byLocation, direct: true },
  Calendar: { filter: byLocation, direct: true },
  LocationSync: { filter: byLocation, direct: true },
  SyncRun: { filter: byLocation, direct: true },
  InventoryItem: { filter: byLocation, direct: true },
  InventoryTransaction: { filter: byLocation, direct: true },
  CalcomEventType: { filter: byLocation, direct: true },
  Finding: { filter: byLocation, direct: true },
  FindingEvent: { filter: byLocation, direct: true },
  WebhookInbox: { filter: byLocation, direct: true },
  AppointmentRisk: { filter: byLocation, direct: true },
  StoredFile: { filter: byLocation, direct: true },
  ClinicOversight: { filter: byLocation, direct: true },
  ServiceRule: { filter: byLocation, direct: true },
  ConsentTemplate: { filter: byLocation, direct: true },
  GfeRecord: { filter: byLocation, direct: true },
  SignedConsent: { filter: byLocation, direct: true },
  ChartReview: { filter: byLocation, direct: true },
  InventoryDocument: { filter: byLocation, direct: true },
  PreventionPolicy: { filter: byLocation, direct: true },
  ConfirmationRequest: { filter: byLocation, direct: true },
  PreventionMessage: { filter: byLocation, direct: true },
  WaitlistEntry: { filter: byLocation, direct: true },
  SlotOpening: { filter: byLocation, direct: true },
  WaitlistOffer: { filter: byLocation, direct: true },
  ContactNote: { filter: (ids) => ({ contact: { locationId: { in: ids } } }), direct: false },
  InventoryLot: { filter: (ids) => ({ item: { locationId: { in: ids } } }), direct: false },
};

function checkRow(model: string, row: unknown, ids: readonly string[], verb: string) {
  if (!row || typeof row !== "object") return;
  const locationId = (row as Record<string, unknown>).locationId;
  if (locationId === undefined && verb === "update") return;
  if (typeof locationId !== "string" || !ids.includes(locationId)) {
    throw new ClinicScopeError(`${model}: cannot ${verb} a record of a clinic outside this member's clinics`);
  }
}

/** Adds the clinic set to one operation on a clinic-owned model. Exported for unit tests. */
export function scopeClinicArgs(model: string, operation: string, args: Record<string, unknown> | undefined, clinics: ClinicSet) {
  const owned = CLINIC_OWNED_MODELS[model];
  if (!owned || clinics === "all") return args;
  if (clinics.length === 0) throw new ClinicScopeError(`${model}: this member has no clinics`);
  const ids = [...clinics];
  const scoped: Record<string, unknown> = { ...(args ?? {}) };
  if (WHERE_OPERATIONS.has(operation)) {
    const where = (scoped.where ?? {}) as Record<string, unknown>;
    const and = where.AND === undefined ? [] : Array.isArray(where.AND) ? where.AND : [where.AND];
    scoped.where = { ...where, AND: [owned.filter(ids), ...and] };
  }
  if (CREATE_OPERATIONS.has(operation) || operation === "upsert") {
    if (model === "Location") throw new ClinicScopeError("Location: clinic staff cannot add clinics");
    if (owned.direct) {
      const data = operation === "upsert" ? scoped.create : scoped.data;
      for (const row of Array.isArray(data) ? data : [data]) checkRow(model, row, ids, "create");
    }
  }
  if (owned.direct && (operation.startsWith("update") || operation === "upsert")) {
    checkRow(model, operation === "upsert" ? scoped.update : scoped.data, ids, "update");
  }
  return scoped;
}
