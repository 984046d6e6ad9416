import { z } from "zod";
import { searchText } from "@/lib/http/search-params";

export const ZId = z.string().trim().min(1, "is required").max(64, "is too long");
export const MAX_SNOOZE_DAYS = 30;

export const ZFindingInput = z.object({ findingId: ZId });
export const ZAssignFindingInput = z.object({ findingId: ZId, assigneeUserId: ZId.nullable() });
export const ZSnoozeFindingInput = z.object({ findingId: ZId, until: z.coerce.date({ error: "Choose when it should come back" }) });
export const ZResolveFindingInput = z.object({
  findingId: ZId,
  note: z.string().trim().min(1, "Say what was done").max(1000, "Keep the note under 1,000 characters"),
});

export const QUEUE_VIEWS = ["open", "mine", "snoozed", "history"] as const;
export const ZQueueFilter = z.object({
  view: z.enum(QUEUE_VIEWS).catch("open"),
  clinic: searchText(64),
  kind: searchText(64),
  q: searchText(100),
  group: z.enum(["clinic"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1000).catch(1),
});
export type TQueueFilter = z.output<typeof ZQueueFilter>;

const ZSku = z.string().trim().min(1, "Enter a SKU").max(64, "SKU is too long");
export const ZServiceInput = z.object({
  serviceId: ZId.optional(),
  name: z.string().trim().min(1, "Name the service").max(120, "Name is too long"),
  match: z.string().trim().min(2, "Enter at least 2 characters to look for").max(120, "Too long"),
  priceDollars: z.preprocess((v) => (v === "" || v === null ? undefined : v), z.coerce.number().min(0, "Price cannot be negative").max(100_000, "Price is too high").optional()),
  supplies: z
    .array(z.object({ sku: ZSku, quantity: z.coerce.number().int("Whole units").min(1, "At least 1").max(1000, "At most 1,000") }))
    .max(50, "At most 50 supplies per service")
    .refine((lines) => new Set(lines.map((l) => l.sku.toUpperCase())).size === lines.length, "Each SKU once per service"),
});
export const ZServiceIdInput = z.object({ serviceId: ZId });

export const ZRecallInput = z.object({
  lotNumber: z.string().trim().min(1, "Enter the lot number").max(64, "Lot number is too long"),
  reason: z.string().trim().min(3, "Say what the recall is (notice number, reason)").max(500, "Keep it under 500 characters"),
});
