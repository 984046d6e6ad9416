import { z } from "zod";
import { unprocessable } from "./http";
import type { ContactPatch, GhlStore } from "./store";
import type { Contact, CustomFieldValue, Location } from "./types";

/**
 * Contact write bodies (reference §1.4). Unknown properties are refused with 422, the way
 * GHL's class-validator setup answers "property X should not exist": a client sending a
 * field GHL doesn't take should learn it from the sandbox.
 */

const ZDndChannel = z.strictObject({
  status: z.enum(["active", "inactive", "permanent"]),
  message: z.string().optional(),
  code: z.string().optional(),
});

const ZCustomFieldInput = z
  .strictObject({
    id: z.string().min(1).optional(),
    key: z.string().min(1).optional(),
    field_value: z.unknown().optional(),
    // Older GHL examples send `value`; accepted as an alias of field_value.
    value: z.unknown().optional(),
  })
  .refine((field) => field.id !== undefined || field.key !== undefined, { message: "a custom field needs an id or a key" });

const nullableText = z.string().nullable().optional();

const contactWriteFields = {
  firstName: nullableText,
  lastName: nullableText,
  name: nullableText,
  email: z.email().nullable().optional(),
  gender: nullableText,
  phone: nullableText,
  address1: nullableText,
  city: nullableText,
  state: nullableText,
  postalCode: nullableText,
  website: nullableText,
  timezone: nullableText,
  dnd: z.boolean().optional(),
  dndSettings: z.strictObject({ Call: ZDndChannel, Email: ZDndChannel, SMS: ZDndChannel, WhatsApp: ZDndChannel, GMB: ZDndChannel, FB: ZDndChannel }).partial().optional(),
  // Shape not pinned down in the reference; passed through as given.
  inboundDndSettings: z.record(z.string(), z.unknown()).optional(),
  tags: z.array(z.string()).optional(),
  customFields: z.array(ZCustomFieldInput).optional(),
  source: nullableText,
  dateOfBirth: nullableText,
  country: nullableText,
  companyName: nullableText,
  assignedTo: nullableText,
};

export const ZCreateContact = z.strictObject({ ...contactWriteFields, locationId: z.string().min(1) });
export const ZUpsertContact = z.strictObject({ ...contactWriteFields, locationId: z.string().min(1), createNewIfDuplicateAllowed: z.boolean().optional() });
export const ZUpdateContact = z.strictObject(contactWriteFields);
export const ZTags = z.strictObject({ tags: z.array(z.string().min(1)).min(1) });

type ContactWrite = z.output<typeof ZUpdateContact>;

/**
 * Reads come back in E.164 (gotcha §5.7) while writes accept formatted numbers. Numbers
 * without a country code are taken as North American, as the demo clinics are.
 */
export function toE164(raw: string): string {
  const trimmed = raw.trim();
  const digits = trimmed.replace(/\D/g, "");
  if (trimmed.startsWith("+") && digits.length >= 8 && digits.length <= 15) return `+${digits}`;
  if (!trimmed.startsWith("+") && digits.length === 10) return `+1${digits}`;
  if (!trimmed.startsWith("+") && digits.length === 11 && digits.startsWith("1")) return `+${digits}`;
  throw unprocessable([`phone: ${raw} is not a valid phone number`]);
}

/**
 * Tags are stored trimmed and in lower case. The reference says nothing about tag case; this
 * assumes GHL lowercases them (unconfirmed), so a client must not rely on the case it sent.
 */
export function normalizeTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((tag) => tag.trim().toLowerCase()).filter(Boolean))];
}

function mergeCustomFields(existing: readonly CustomFieldValue[], input: NonNullable<ContactWrite["customFields"]>): CustomFieldValue[] {
  const merged = new Map(existing.map((field) => [field.id, field.value]));
  for (const field of input) merged.set((field.id ?? field.key) as string, field.field_value ?? field.value);
  return [...merged].map(([id, value]) => ({ id, value }));
}

/** The store patch for a write body; `existing` decides how custom fields merge. */
export function toContactPatch(input: ContactWrite, existing?: Contact): ContactPatch {
  const { tags, customFields, phone, email, ...rest } = input;
  const patch: ContactPatch = { ...rest };
  if (phone !== undefined) patch.phone = phone === null || phone === "" ? null : toE164(phone);
  if (email !== undefined) patch.email = email === null ? null : email.trim();
  // A PUT's tags replace the list (use the tags endpoints to add or remove).
  if (tags !== undefined) patch.tags = normalizeTags(tags);
  if (customFields !== undefined) patch.customFields = mergeCustomFields(existing?.customFields ?? [], customFields);
  return patch;
}

/** For creating: a patch without the `null`s, which only mean "clear" on an existing record. */
export function withoutNulls(patch: ContactPatch): Partial<Contact> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== null && value !== undefined)) as Partial<Contact>;
}

export interface DuplicateMatch {
  contact: Contact;
  matchingField: "email" | "phone";
}

/** The existing contact an email or phone collides with, in the location's match order. */
export function findDuplicate(store: GhlStore, location: Location, candidate: { email?: string | null; phone?: string | null }, excludeId?: string): DuplicateMatch | undefined {
  for (const field of location.duplicateMatchOrder) {
    const wanted = candidate[field]?.toLowerCase();
    if (!wanted) continue;
    for (const contact of store.contactsIn(location.id)) {
      if (contact.id !== excludeId && contact[field]?.toLowerCase() === wanted) return { contact, matchingField: field };
    }
  }
  return undefined;
}
