import { z } from "zod";
import { US_STATE_CODES } from "@/lib/oversight/gfe-defaults";
import { ZFileId } from "@/lib/storage/schemas";

const ZId = z.string().trim().min(1, "is required").max(64, "is too long");
const ZName = z.string().trim().min(2, "Enter a name").max(120, "Keep it under 120 characters");
const ZDateKey = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Enter a date").refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), "Enter a real date");
const ZConsentKey = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{1,39}$/, "Use 2–40 letters, digits or dashes");
const optionalInt = (min: number, max: number, message: string) => z.number().int(message).min(min, message).max(max, message).nullable();

export const ZOversightInput = z.object({
  locationId: ZId,
  state: z.enum(US_STATE_CODES, { message: "Choose the clinic's state" }).nullable(),
  medicalDirector: ZName.nullable(),
  providers: z.array(ZName).max(30, "At most 30 providers"),
  chartReviewPercent: optionalInt(1, 100, "Enter a percentage from 1 to 100"),
  chartReviewMinimum: optionalInt(1, 1000, "Enter a number of charts from 1 to 1,000"),
  services: z
    .array(
      z.object({
        ghlCalendarId: ZId,
        gfeRequired: z.boolean(),
        gfeValidityDays: optionalInt(1, 1095, "Enter 1 to 1,095 days (3 years)"),
        consentKey: ZConsentKey.nullable(),
      }),
    )
    .max(200),
});
export type TOversightInput = z.output<typeof ZOversightInput>;

export const ZConsentTemplateInput = z
  .object({
    locationId: ZId,
    key: ZConsentKey,
    title: ZName,
    body: z.string().trim().max(20_000, "Keep the text under 20,000 characters").nullable(),
    fileId: ZFileId.nullable(),
  })
  .refine((t) => Boolean(t.body) || Boolean(t.fileId), { message: "Enter the form's text or attach its PDF", path: ["body"] });

export const ZGfeInput = z.object({
  contactId: ZId,
  provider: ZName,
  examinedOn: ZDateKey,
  /** Which service's period applies (its calendar); null: the clinic's default. */
  ghlCalendarId: ZId.nullable(),
  fileId: ZFileId.nullable(),
});

export const ZSignedConsentInput = z.object({
  contactId: ZId,
  kind: z.enum(["treatment", "photo"]),
  /** treatment: the template signed (its current version is recorded). */
  consentKey: ZConsentKey.nullable(),
  signedOn: ZDateKey,
  witness: z.string().trim().max(120, "Keep it under 120 characters").nullable(),
  fileId: ZFileId,
});

export const ZChartReviewInput = z.object({ appointmentId: ZId, reviewer: ZName });
