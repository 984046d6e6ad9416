import type { FilePurpose } from "@/lib/storage/policy";

/**
 * Every object key starts with its organization, then its clinic: `orgs/{orgId}/clinics/{clinicId}/{purpose}/{fileId}`.
 * The key never carries the file's name (names of patients' forms are patient data); ids are plain (cuid) ids.
 */
const ID = "[A-Za-z0-9_-]{1,64}";
const KEY = new RegExp(`^orgs/${ID}/clinics/${ID}/(gfe|consent|consent_template|inventory_document)/${ID}$`);

export function storageKey(organizationId: string, locationId: string, purpose: FilePurpose, fileId: string): string {
  const key = `orgs/${organizationId}/clinics/${locationId}/${purpose}/${fileId}`;
  if (!KEY.test(key)) throw new Error("ids of a storage key must be plain ids");
  return key;
}

export function isStorageKey(key: string): boolean {
  return KEY.test(key);
}

/** True when the key belongs to this organization (a second check beside the row lookup). */
export function keyBelongsTo(key: string, organizationId: string): boolean {
  return isStorageKey(key) && key.startsWith(`orgs/${organizationId}/`);
}
