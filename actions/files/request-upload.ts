"use server";

import { orgAction } from "@/lib/entry/action";
import { requestUpload } from "@/lib/storage/files";
import { ZRequestUploadInput } from "@/lib/storage/schemas";

/**
 * Step one of an upload: a URL signed for ten minutes for exactly this type and size, under
 * the clinic's own key prefix. The action that attaches the file checks it arrived as announced.
 */
export const requestUploadAction = orgAction({
  name: "files.request-upload",
  permission: "clinic.view",
  input: ZRequestUploadInput,
  run: async (input, ctx) => {
    const upload = await requestUpload(ctx, input);
    return { fileId: upload.fileId, url: upload.url, method: upload.method, headers: upload.headers, expiresAt: upload.expiresAt.toISOString() };
  },
  audit: (input, data) => ({ targetType: "stored_file", targetId: data.fileId, metadata: { purpose: input.purpose, contentType: input.contentType, size: input.size, locationId: input.locationId } }),
});
