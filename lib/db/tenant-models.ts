/**
 * Models that belong to one organization. Every one of them has an `organizationId` column,
 * row-level security, and is reachable only through the org-scoped client. A unit test fails
 * when a model with `organizationId` is missing here.
 */
export const TENANT_MODELS = new Set<string>([
  "Member",
  "MemberLocation",
  "Invitation",
  "Location",
  "Contact",
  "Appointment",
  "AuditLog",
  "GhlConnection",
  "OAuthState",
  "LocationSync",
  "SyncRun",
  "WebhookEvent",
  "WebhookInbox",
  "Calendar",
  "ContactNote",
  "InventoryItem",
  "InventoryLot",
  "InventoryTransaction",
  "DailyDigest",
  "CalcomConnection",
  "CalcomEventType",
  "Finding",
  "FindingEvent",
  "Service",
  "ServiceSupply",
  "LotRecall",
  "AskConversation",
  "AskMessage",
  "AskUsage",
  "NoShowModel",
  "AppointmentRisk",
  "StoredFile",
  "ClinicOversight",
  "ServiceRule",
  "ConsentTemplate",
  "GfeRecord",
  "SignedConsent",
  "ChartReview",
  "InventoryDocument",
  "PreventionPolicy",
  "ConfirmationRequest",
  "PreventionMessage",
  "WaitlistEntry",
  "SlotOpening",
  "WaitlistOffer",
  "Impersonation",
]);

/** The database role tenant queries run as: no BYPASSRLS, so the policies apply. */
export const APP_DB_ROLE = "sidecar_app";

/**
 * The database role of the named cross-tenant needs (lib/db/system.ts). It has no BYPASSRLS
 * either: every tenant table carries a `system_access` policy for it, next to `tenant_isolation`.
 */
export const SYSTEM_DB_ROLE = "sidecar_system";

/**
 * The settings a tenant transaction starts with, each local to the transaction: the app role (no
 * BYPASSRLS), app.org_id for the policies, and JIT off (tenant queries are short, and Postgres
 * would spend longer compiling the odd statement it misprices than running it). One list for the
 * org-scoped client and for the statements sent to the pool directly (lib/db/tenant-statement.ts).
 */
export function tenantSettings(organizationId: string, readOnly = false): ReadonlyArray<readonly [string, string]> {
  const settings: Array<readonly [string, string]> = [
    ["role", APP_DB_ROLE],
    ["app.org_id", organizationId],
    ["jit", "off"],
  ];
  if (readOnly) settings.push(["transaction_read_only", "on"]);
  return settings;
}

export function isTenantModel(model: string | undefined): boolean {
  return model !== undefined && TENANT_MODELS.has(model);
}
