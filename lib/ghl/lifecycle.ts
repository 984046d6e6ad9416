import "server-only";
import { recordAudit } from "@/lib/audit/audit";
import type { OrgDb } from "@/lib/db";
import { systemDb } from "@/lib/db/system";
import { unsafeFindConnectionsByCompany } from "@/lib/ghl/connect";

/**
 * GHL's app lifecycle webhooks. UNINSTALL of a sub-account disconnects that clinic; of the whole
 * company (no locationId), the agency's connection. Either stops syncing and keeps every record.
 * INSTALL of a sub-account reconnects a disconnected clinic, or marks a sub-account of a
 * connected agency as ready to add. Each change is ordered by the event's timestamp, so a
 * redelivered older event never undoes a newer one.
 */

export const UNINSTALLED_CLINIC_MESSAGE =
  "Sidecar was uninstalled from this sub-account in GoHighLevel, so it no longer syncs; its data is kept. Install the app on the sub-account again (GoHighLevel → App Marketplace) to resume.";

export interface AppLifecycleEvent {
  type: "INSTALL" | "UNINSTALL";
  locationId?: string;
  companyId?: string;
  timestamp: string;
}

export interface LifecycleTenant {
  organizationId: string;
  /** Sidecar's clinic, when the event names a sub-account that is one. */
  locationId: string | null;
}

/** The agency an app lifecycle event is about: the clinic's, or the connection holding the company. */
export async function unsafeResolveLifecycleTenant(event: Pick<AppLifecycleEvent, "locationId" | "companyId">): Promise<LifecycleTenant | null> {
  if (event.locationId) {
    const clinic = await systemDb("ghl.webhook-tenant").location.findUnique({ where: { ghlLocationId: event.locationId }, select: { id: true, organizationId: true } });
    if (clinic) return { organizationId: clinic.organizationId, locationId: clinic.id };
  }
  if (!event.companyId) return null;
  const holders = await unsafeFindConnectionsByCompany(event.companyId);
  // Two agencies holding one company predates the uniqueness check: place the event nowhere.
  return holders.length === 1 ? { organizationId: holders[0]!.organizationId, locationId: null } : null;
}

export async function applyAppLifecycle(db: OrgDb, tenant: LifecycleTenant, event: AppLifecycleEvent): Promise<"applied" | "ignored"> {
  const at = new Date(event.timestamp);
  const organizationId = db.organizationId;
  if (tenant.locationId) {
    const clinicId = tenant.locationId;
    const changed = await db.transaction(async (tx) => {
      const { count } = await tx.location.updateMany({
        where: { id: clinicId, OR: [{ ghlInstallChangedAt: null }, { ghlInstallChangedAt: { lt: at } }] },
        data: event.type === "UNINSTALL" ? { ghlUninstalledAt: at, ghlInstallChangedAt: at } : { ghlUninstalledAt: null, ghlInstallChangedAt: at },
      });
      if (count === 0) return false;
      await tx.locationSync.updateMany({
        where: { locationId: clinicId },
        data:
          event.type === "UNINSTALL"
            ? // The location token died with the install.
              { health: "disconnected", lastError: UNINSTALLED_CLINIC_MESSAGE, accessTokenSealed: null, accessTokenExpiresAt: null }
            : { health: "pending", lastError: null, consecutiveFailures: 0 },
      });
      return true;
    });
    if (changed) {
      await recordAudit({ organizationId, actorUserId: null, action: event.type === "UNINSTALL" ? "ghl.clinic-uninstalled" : "ghl.clinic-reinstalled", targetType: "location", targetId: clinicId });
    }
    return changed ? "applied" : "ignored";
  }
  if (event.locationId) {
    if (event.type !== "INSTALL") return "ignored";
    // A sub-account of a connected agency, not a clinic yet: offer it on Settings → Integrations.
    const connection = await db.ghlConnection.findUnique({ where: { organizationId }, select: { newlyInstalledLocationIds: true } });
    if (!connection || connection.newlyInstalledLocationIds.includes(event.locationId)) return "ignored";
    await db.ghlConnection.update({ where: { organizationId }, data: { newlyInstalledLocationIds: { push: event.locationId } } });
    return "applied";
  }
  if (event.type !== "UNINSTALL") {
    // A company INSTALL brings a new authorization code to the callback; the tokens come from there.
    return "ignored";
  }
  const { count } = await db.ghlConnection.updateMany({
    where: { organizationId, installChangedAt: { lt: at } },
    data: { uninstalledAt: at, installChangedAt: at },
  });
  if (count === 0) return "ignored";
  // Every location token was minted from the agency's install: none works any more.
  await db.locationSync.updateMany({ where: { organizationId }, data: { accessTokenSealed: null, accessTokenExpiresAt: null } });
  await recordAudit({ organizationId, actorUserId: null, action: "ghl.uninstalled", targetType: "ghl", metadata: { companyId: event.companyId ?? null } });
  return "applied";
}
