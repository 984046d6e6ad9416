"use client";

import { requestUploadAction } from "@/actions/files/request-upload";
import type { FilePurpose } from "@/lib/storage/policy";
import { ALLOWED_CONTENT_TYPES, MAX_FILE_BYTES } from "@/lib/storage/policy";

export const ACCEPT = ALLOWED_CONTENT_TYPES.join(",");

export type UploadOutcome = { ok: true; fileId: string } | { ok: false; error: string };

/**
 * Sends one file the way every upload goes: Sidecar signs a URL for its exact type and size,
 * the browser PUTs it straight to storage, and the caller's action then attaches the file
 * (which checks it arrived as announced).
 */
export async function uploadFile(slug: string, locationId: string, purpose: FilePurpose, file: File): Promise<UploadOutcome> {
  if (!(ALLOWED_CONTENT_TYPES as readonly string[]).includes(file.type)) return { ok: false, error: "Upload a PDF or a photo (JPEG, PNG, WebP or HEIC)." };
  if (file.size > MAX_FILE_BYTES) return { ok: false, error: `Files can be at most ${MAX_FILE_BYTES / 1024 / 1024} MB.` };
  let signed: Awaited<ReturnType<typeof requestUploadAction>>;
  try {
    signed = await requestUploadAction(slug, { locationId, purpose, filename: file.name || "photo.jpg", contentType: file.type as (typeof ALLOWED_CONTENT_TYPES)[number], size: file.size });
  } catch {
    return { ok: false, error: "Could not reach Sidecar. Check your connection and try again." };
  }
  if (!signed.ok) return { ok: false, error: signed.error };
  try {
    const response = await fetch(signed.data.url, { method: "PUT", headers: signed.data.headers, body: file });
    if (!response.ok) return { ok: false, error: `The file could not be stored (${response.status}). Please try again.` };
  } catch {
    return { ok: false, error: "The upload did not go through. Check your connection and try again." };
  }
  return { ok: true, fileId: signed.data.fileId };
}
