import { z } from "zod";
import { parsePhone } from "@/lib/contacts/phone";

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Keep it under ${max} characters`)
    .transform((value) => value || undefined)
    .optional();

/** A phone as GHL stores it: E.164 ("+15551234567"). */
export const ZPhone = z
  .string()
  .trim()
  .max(40, "That is too long for a phone number")
  .transform((value, ctx) => {
    if (!value) return undefined;
    const parsed = parsePhone(value);
    if (!parsed) {
      ctx.addIssue({ code: "custom", message: "Enter a valid phone number, e.g. (555) 201-4477 or +44 20 7946 0958" });
      return z.NEVER;
    }
    return parsed.number;
  })
  .optional();

export const ZTags = z
  .union([z.string(), z.array(z.string())])
  .transform((value) => (Array.isArray(value) ? value : value.split(",")))
  .pipe(z.array(z.string().trim().toLowerCase().max(40, "Keep each tag under 40 characters")).max(30, "At most 30 tags"))
  .transform((tags) => [...new Set(tags.filter(Boolean))])
  .optional();

export const ZContactFields = z
  .object({
    firstName: optionalText(80),
    lastName: optionalText(80),
    email: z
      .string()
      .trim()
      .toLowerCase()
      .transform((value) => value || undefined)
      .pipe(z.email("Enter a valid email address").max(254).optional())
      .optional(),
    phone: ZPhone,
    tags: ZTags,
  })
  .refine((c) => c.firstName || c.lastName || c.email || c.phone, {
    message: "Give at least a name, an email or a phone number",
    path: ["firstName"],
  });
export type ContactFields = z.output<typeof ZContactFields>;

const id = z.string().trim().min(1).max(64);

export const ZCreateContactInput = z.intersection(z.object({ locationId: id }), ZContactFields);
export const ZUpdateContactInput = z.intersection(z.object({ contactId: id }), ZContactFields);
export const ZContactRef = z.object({ contactId: id });
export const ZContactNoteInput = z.object({
  contactId: id,
  body: z.string().trim().min(1, "Write something first").max(5_000, "Keep notes under 5,000 characters"),
});
