import { z } from "zod";
import { FILE_PURPOSES, fileDescriptionSchema } from "@/lib/storage/policy";

export const ZFileId = z.string().trim().min(1, "is required").max(64, "is too long");

export const ZRequestUploadInput = fileDescriptionSchema.extend({
  locationId: z.string().trim().min(1, "Choose the clinic").max(64),
  purpose: z.enum(FILE_PURPOSES),
});
