import { z } from "zod";
import { UserError } from "@/lib/errors";

/**
 * What Sidecar stores: signed forms and exam records photographed or scanned at the front desk,
 * consent templates, and supplier paperwork. One policy for every upload, checked before a URL
 * is signed and again (HEAD) once the object is there.
 */

export const FILE_PURPOSES = ["gfe", "consent", "consent_template", "inventory_document"] as const;
export type FilePurpose = (typeof FILE_PURPOSES)[number];

export const ALLOWED_CONTENT_TYPES = ["application/pdf", "image/jpeg", "image/png", "image/webp", "image/heic", "image/heif"] as const;
export type AllowedContentType = (typeof ALLOWED_CONTENT_TYPES)[number];

/** 15 MB: a phone photo of a signed page, or a scanned multi-page PDF. */
export const MAX_FILE_BYTES = 15 * 1024 * 1024;

/** Signed URLs live this long: the bar is 15 minutes; uploads get 10, downloads 5. */
export const UPLOAD_URL_TTL_S = 600;
export const DOWNLOAD_URL_TTL_S = 300;
export const MAX_URL_TTL_S = 900;

export const fileDescriptionSchema = z.object({
  filename: z
    .string()
    .trim()
    .min(1, "The file needs a name.")
    .max(200, "The file name is too long.")
    .transform((name) => name.replace(/[^\w.\- ]+/g, "_")),
  contentType: z.enum(ALLOWED_CONTENT_TYPES, { message: "Upload a PDF or a photo (JPEG, PNG, WebP or HEIC)." }),
  size: z
    .number()
    .int()
    .min(1, "The file is empty.")
    .max(MAX_FILE_BYTES, `Files can be at most ${MAX_FILE_BYTES / 1024 / 1024} MB.`),
});
export type FileDescription = z.output<typeof fileDescriptionSchema>;

/** The object as stored must be what was signed for: same type, same size. */
export function checkStoredObject(expected: { contentType: string; size: number }, found: { contentType: string | null; size: number } | null): void {
  if (!found) throw new UserError("upload_missing", "The file has not arrived yet. Please upload it again.");
  if (found.size !== expected.size || (found.contentType ?? "").split(";")[0]!.trim().toLowerCase() !== expected.contentType) {
    throw new UserError("upload_mismatch", "The uploaded file is not the one that was announced (type or size differ). Please upload it again.");
  }
}
