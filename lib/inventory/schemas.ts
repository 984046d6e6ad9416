import { z } from "zod";
import { searchText } from "@/lib/http/search-params";

/** Limits that keep one request small: a clinic never receives a million vials at once. */
export const MAX_QUANTITY = 100_000;
export const MAX_IMPORT_BYTES = 2_000_000;

export const ZId = z.string().trim().min(1, "is required").max(64, "is too long");
const ZOptionalId = z
  .string()
  .trim()
  .max(64)
  .optional()
  .transform((v) => (v ? v : undefined));
const ZText = (label: string, max: number) => z.string().trim().min(1, `${label} is required`).max(max, `${label} is at most ${max} characters`);
const ZOptionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Keep it under ${max} characters`)
    .optional()
    .transform((v) => (v ? v : undefined));

export const ZQuantity = z.coerce
  .number("Enter a number")
  .int("Enter a whole number")
  .min(1, "Enter at least 1")
  .max(MAX_QUANTITY, `At most ${MAX_QUANTITY.toLocaleString("en-US")} at once`);
const ZCount = z.coerce
  .number("Enter a number")
  .int("Enter a whole number")
  .min(0, "Cannot be negative")
  .max(MAX_QUANTITY, `At most ${MAX_QUANTITY.toLocaleString("en-US")}`);

/** "YYYY-MM-DD" from a date input, read as that calendar day (no timezone shift). */
export const ZDay = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use the format YYYY-MM-DD")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), "Not a real date")
  .transform((v) => new Date(`${v}T00:00:00Z`));
/** An empty date field means "no date". */
export const ZOptionalDay = z.preprocess((v) => (v === "" || v === null ? undefined : v), ZDay.optional());

export const ZSku = z
  .string()
  .trim()
  .min(1, "SKU is required")
  .max(64, "SKU is at most 64 characters")
  .regex(/^[A-Za-z0-9][A-Za-z0-9._\-/]*$/, "SKU may use letters, digits and . _ - /");
export const ZLotNumber = z
  .string()
  .trim()
  .max(64, "Lot number is at most 64 characters")
  .regex(/^[A-Za-z0-9._\-/]*$/, "Lot number may use letters, digits and . _ - /")
  .optional()
  .transform((v) => v ?? "");

/** Dollars as typed ("12.50") to whole cents. */
export const ZCostCents = z.coerce
  .number("Enter a cost like 12.50")
  .min(0, "Cost cannot be negative")
  .max(1_000_000, "Cost is too large")
  .transform((dollars) => Math.round(dollars * 100));

export const ZItemFields = z
  .object({
    sku: ZSku,
    name: ZText("Name", 120),
    category: ZText("Category", 60),
    unit: ZText("Unit", 30),
    cost: ZCostCents,
    supplier: ZOptionalText(120),
    reorderPoint: ZCount,
    parLevel: ZCount,
  })
  .refine((item) => item.parLevel >= item.reorderPoint, { path: ["parLevel"], message: "Par level must be at least the reorder point" });

export const ZCreateItemInput = ZItemFields.and(z.object({ locationId: ZId }));
export const ZUpdateItemInput = ZItemFields.and(z.object({ itemId: ZId }));

export const ZLogUsageInput = z.object({
  itemId: ZId,
  quantity: ZQuantity.default(1),
  appointmentId: ZOptionalId,
});

/** The supplies of one visit, logged together: all lines or none. */
export const ZLogVisitUsageInput = z.object({
  appointmentId: ZId,
  lines: z
    .array(z.object({ itemId: ZId, quantity: ZQuantity }))
    .min(1, "Choose at least one supply for this visit")
    .max(50, "A visit can log at most 50 supplies at once"),
});

export const ZReceiveDeliveryInput = z.object({
  itemId: ZId,
  quantity: ZQuantity,
  lotNumber: ZLotNumber,
  expiresOn: ZOptionalDay,
});

export const ZAdjustStockInput = z.object({
  itemId: ZId,
  /** Signed: a correction may add or remove units. */
  change: z.coerce
    .number("Enter a number")
    .int("Enter a whole number")
    .min(-MAX_QUANTITY, "Too large")
    .max(MAX_QUANTITY, "Too large")
    .refine((n) => n !== 0, "Enter a change other than 0"),
  reason: ZText("Reason", 200),
});

export const ZStockCountInput = z.object({
  locationId: ZId,
  counts: z
    .array(z.object({ itemId: ZId, counted: ZCount }))
    .min(1, "Enter at least one counted quantity")
    .max(2_000, "Count at most 2,000 items at once"),
  reason: ZOptionalText(200),
});

export const ZTransferStockInput = z.object({
  itemId: ZId,
  toLocationId: ZId,
  quantity: ZQuantity,
});

export const ZImportInventoryInput = z.object({
  locationId: ZId,
  csv: z.string().min(1, "Choose a CSV file").max(MAX_IMPORT_BYTES, "The file is larger than 2 MB; split it"),
});

export const INVENTORY_STATUSES = ["all", "low", "expiring"] as const;
/** The agency inventory page's filters, read from the URL. Bad values fall back to defaults. */
export const ZInventoryFilter = z.object({
  q: searchText(100),
  clinic: searchText(64),
  category: searchText(60),
  status: z.enum(INVENTORY_STATUSES).default("all").catch("all"),
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
});

export const ZRecallQuery = z.object({
  lot: searchText(64),
});

export type TItemFields = z.output<typeof ZItemFields>;
export type TInventoryFilter = z.output<typeof ZInventoryFilter>;
