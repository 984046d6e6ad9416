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
  "StoredFile",
  "ClinicOversight",
  "ServiceRule",
  "ConsentTemplate",
  "GfeRecord",
  "SignedConsent",
  "ChartReview",
  "InventoryDocument",
  "Impersonation",
]);

/** The database role tenant queries run as: no BYPASSRLS, so the policies apply. */
export const APP_DB_ROLE = "sidecar_app";

/**
 * The database role of the named cross-tenant needs (lib/db/system.ts). It has no BYPASSRLS
 * either: every tenant table carries a `system_access` policy for it, next to `tenant_isolation`.
 */
export const SYSTEM_DB_ROLE = "sidecar_system";

export function isTenantModel(model: string | undefined): boolean {
  return model !== undefined && TENANT_MODELS.has(model);
}
