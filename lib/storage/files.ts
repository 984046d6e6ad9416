import "server-only";
import { allows, type OrgContext } from "@/lib/auth/context";
import type { Permission } from "@/lib/auth/permissions";
import { requireClinic } from "@/lib/clinic/clinics";
import { ForbiddenError, NotFoundError, UserError } from "@/lib/errors";
import { storage } from "@/lib/storage";
import { storageKey, keyBelongsTo } from "@/lib/storage/keys";
import { checkStoredObject, DOWNLOAD_URL_TTL_S, UPLOAD_URL_TTL_S, type FileDescription, type FilePurpose } from "@/lib/storage/policy";
import { createId } from "@/lib/storage/ids";

/** Who may upload each kind of file (clinic staff: only for their own clinics, by requireClinic). */
export const UPLOAD_PERMISSION: Record<FilePurpose, Permission> = {
  gfe: "contacts.write",
  consent: "contacts.write",
  consent_template: "oversight.manage",
  inventory_document: "inventory.use",
};

type Ctx = Pick<OrgContext, "db" | "clinicIds" | "organization" | "user" | "role" | "impersonator">;

/**
 * Step one of every upload: the type and size are checked (zod, before this), a pending row is
 * written and a URL signed for exactly that type and size, for ten minutes.
 */
export async function requestUpload(ctx: Ctx, input: FileDescription & { locationId: string; purpose: FilePurpose }) {
  if (!allows(ctx, UPLOAD_PERMISSION[input.purpose])) throw new ForbiddenError();
  const clinic = await requireClinic(ctx, input.locationId);
  const id = createId();
  const key = storageKey(ctx.organization.id, clinic.id, input.purpose, id);
  await ctx.db.storedFile.create({
    data: { id, organizationId: ctx.organization.id, locationId: clinic.id, purpose: input.purpose, key, filename: input.filename, contentType: input.contentType, size: input.size, uploadedByUserId: ctx.user.id },
  });
  const upload = await storage().signUpload(key, input, UPLOAD_URL_TTL_S);
  return { fileId: id, ...upload };
}

/**
 * Step two, called by the action that attaches the file to a record: the object must be there
 * with the announced type and size (HEAD). A mismatch deletes the object and the row.
 */
export async function claimUpload(ctx: Ctx, fileId: string, expected: { purpose: FilePurpose; locationId: string }) {
  const file = await ctx.db.storedFile.findFirst({ where: { id: fileId, purpose: expected.purpose, locationId: expected.locationId } });
  if (!file || !keyBelongsTo(file.key, ctx.organization.id)) throw new NotFoundError("That file was not found. Please upload it again.");
  // One upload, one record: a stored file cannot be attached a second time (to another patient, say).
  if (file.status === "stored") throw new UserError("file_used", "That file is already attached to a record. Please upload it again.");
  const head = await storage().head(file.key);
  try {
    checkStoredObject(file, head);
  } catch (err) {
    if (head) {
      await storage().delete(file.key);
      await ctx.db.storedFile.delete({ where: { id: file.id } });
    }
    throw err;
  }
  return ctx.db.storedFile.update({ where: { id: file.id }, data: { status: "stored", storedAt: new Date() } });
}

/** A five-minute download URL for a stored file the member may see; 404 otherwise. */
export async function downloadUrl(ctx: Pick<OrgContext, "db" | "organization">, fileId: string): Promise<string> {
  const file = await ctx.db.storedFile.findFirst({ where: { id: fileId, status: "stored" } });
  if (!file || !keyBelongsTo(file.key, ctx.organization.id)) throw new NotFoundError("That file was not found.");
  return storage().signDownload(file.key, { expiresInS: DOWNLOAD_URL_TTL_S, filename: file.filename, contentType: file.contentType });
}

/** The link a page shows for a stored file: Sidecar's download route, which checks the member and signs a fresh URL. */
export function fileHref(slug: string, fileId: string): string {
  return `/agency/${slug}/files/${fileId}`;
}
