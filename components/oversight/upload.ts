"use client";

import { requestUploadAction } from "@/actions/files/request-upload";
import type { FilePurpose } from "@/lib/storage/policy";
import { ALLOWED_CONTENT_TYPES, MAX_FILE_BYTES } from "@/lib/storage/policy";
import { UNREACHABLE } from "@/components/shared/use-action";

export const ACCEPT = ALLOWED_CONTENT_TYPES.join(",");

/** A failed upload reads as a failed action, so a form shows it as it shows the action's answer. */
type UploadFailure = { ok: false; code: "upload_failed"; error: string };
export type UploadOutcome = { ok: true; fileId: string } | UploadFailure;
const failed = (error: string): UploadFailure => ({ ok: false, code: "upload_failed", error });

/**
 * Sends one file the way every upload goes: Sidecar signs a URL for its exact type and size,
 * the browser PUTs it straight to storage, and the caller's action then attaches the file
 * (which checks it arrived as announced).
 */
export async function uploadFile(slug: string, locationId: string, purpose: FilePurpose, file: File): Promise<UploadOutcome> {
  if (!(ALLOWED_CONTENT_TYPES as readonly string[]).includes(file.type)) return failed("Upload a PDF or a photo (JPEG, PNG, WebP or HEIC).");
  if (file.size > MAX_FILE_BYTES) return failed(`Files can be at most ${MAX_FILE_BYTES / 1024 / 1024} MB.`);
  let signed: Awaited<ReturnType<typeof requestUploadAction>>;
  try {
    signed = await requestUploadAction(slug, { locationId, purpose, filename: file.name || "photo.jpg", contentType: file.type as (typeof ALLOWED_CONTENT_TYPES)[number], size: file.size });
  } catch {
    return failed(UNREACHABLE);
  }
  if (!signed.ok) return failed(signed.error);
  try {
    const response = await fetch(signed.data.url, { method: "PUT", headers: signed.data.headers, body: file });
    if (!response.ok) return failed(`The file could not be stored (${response.status}). Please try again.`);
  } catch {
    return failed("The upload did not go through. Check your connection and try again.");
  }
  return { ok: true, fileId: signed.data.fileId };
}

export type UploadTarget = { slug: string; locationId: string; purpose: FilePurpose };

/**
 * The file a form's UploadField (components/shared/upload-field.tsx) holds, uploaded: its id;
 * null when none was chosen and `required` (the message asking for one) is not given; or why it
 * failed.
 */
export async function uploadChosenFile(data: FormData, target: UploadTarget, required?: string): Promise<{ ok: true; fileId: string | null } | UploadFailure> {
  const file = data.get("file");
  if (!(file instanceof File) || file.size === 0) return required ? failed(required) : { ok: true, fileId: null };
  return uploadFile(target.slug, target.locationId, target.purpose, file);
}
