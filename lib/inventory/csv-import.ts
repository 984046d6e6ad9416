import "server-only";
import { parse } from "csv-parse/sync";
import { CsvError } from "csv-parse";
import { z } from "zod";
import type { OrgDb } from "@/lib/db";
import { NotFoundError, UserError } from "@/lib/errors";
import { canSeeClinic } from "@/lib/auth/context";
import type { InventoryActor } from "@/lib/inventory/movements";
import { lockItemsInIdOrder } from "@/lib/inventory/stock";
import { ZItemFields, ZLotNumber, ZOptionalDay } from "@/lib/inventory/schemas";

/**
 * CSV import of a clinic's items, checked row by row before anything is written: a file with
 * one bad row imports nothing and the answer names every bad line (up to a limit). A valid
 * file is applied in one transaction of four set-based statements, so 10,000 rows take one
 * round trip per statement, not per row. A row with a quantity also records it as a delivery.
 */

export const IMPORT_COLUMNS = ["sku", "name", "category", "unit", "cost", "supplier", "reorder_point", "par_level", "quantity", "lot_number", "expires_on"] as const;
const REQUIRED_COLUMNS = ["sku", "name", "category", "unit", "cost", "reorder_point", "par_level"] as const;
/** Columns of Sidecar's own export that an import reads past, so an exported file can be edited and imported back. */
const IGNORED_COLUMNS = ["clinic", "on_hand"];
export const MAX_IMPORT_ROWS = 20_000;
const MAX_REPORTED_ERRORS = 50;

type Column = (typeof IMPORT_COLUMNS)[number];

const FIELD_TO_COLUMN: Record<string, Column> = {
  sku: "sku", name: "name", category: "category", unit: "unit", cost: "cost", supplier: "supplier",
  reorderPoint: "reorder_point", parLevel: "par_level", quantity: "quantity", lotNumber: "lot_number", expiresOn: "expires_on",
};

const ZImportRow = ZItemFields.and(
  z.object({
    quantity: z.coerce.number("Enter a number").int("Enter a whole number").min(0, "Cannot be negative").max(100_000, "At most 100,000").default(0),
    lotNumber: ZLotNumber,
    expiresOn: ZOptionalDay,
  }),
);

export interface ImportRow {
  line: number;
  sku: string;
  name: string;
  category: string;
  unit: string;
  costCents: number;
  supplier: string | null;
  reorderPoint: number;
  parLevel: number;
  quantity: number;
  lotNumber: string;
  expiresOn: string | null;
}

export type ParseResult = { ok: true; rows: ImportRow[] } | { ok: false; errors: string[] };

/** Validates a whole file; pure, so every broken-file case is a unit of its own. */
export function parseInventoryCsv(text: string): ParseResult {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, { bom: true, info: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as unknown as typeof records;
  } catch (err) {
    if (err instanceof CsvError) return { ok: false, errors: [`Line ${err.lines ?? "?"}: the file is not valid CSV (${err.code === "CSV_QUOTE_NOT_CLOSED" ? "a quote is never closed" : "malformed"}).`] };
    throw err;
  }
  const [header, ...body] = records;
  if (!header) return { ok: false, errors: ["The file is empty. The first line must name the columns."] };
  const columns = header.record.map((c) => c.toLowerCase());
  const headerErrors = checkHeader(columns);
  if (headerErrors.length) return { ok: false, errors: headerErrors };
  if (body.length === 0) return { ok: false, errors: ["The file has a header but no rows."] };
  if (body.length > MAX_IMPORT_ROWS) return { ok: false, errors: [`The file has ${body.length} rows; import at most ${MAX_IMPORT_ROWS} at once.`] };

  const errors: string[] = [];
  const rows: ImportRow[] = [];
  const firstLineOfSku = new Map<string, number>();
  for (const { record, info } of body) {
    const line = info.lines;
    if (record.length !== columns.length) {
      errors.push(`Line ${line}: expected ${columns.length} values, found ${record.length}.`);
      continue;
    }
    const raw = Object.fromEntries(columns.map((column, i) => [column, record[i] ?? ""])) as Partial<Record<Column, string>>;
    const parsed = ZImportRow.safeParse({
      sku: raw.sku, name: raw.name, category: raw.category, unit: raw.unit, cost: raw.cost, supplier: raw.supplier,
      reorderPoint: raw.reorder_point, parLevel: raw.par_level, quantity: raw.quantity || undefined,
      lotNumber: raw.lot_number, expiresOn: raw.expires_on,
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const column = FIELD_TO_COLUMN[String(issue.path[0] ?? "")];
        errors.push(`Line ${line}: ${column ? `${column}: ` : ""}${issue.message}.`);
      }
      continue;
    }
    const row = parsed.data;
    const seenOn = firstLineOfSku.get(row.sku);
    if (seenOn !== undefined) {
      errors.push(`Line ${line}: SKU ${row.sku} is already on line ${seenOn}.`);
      continue;
    }
    firstLineOfSku.set(row.sku, line);
    rows.push({
      line, sku: row.sku, name: row.name, category: row.category, unit: row.unit, costCents: row.cost,
      supplier: row.supplier ?? null, reorderPoint: row.reorderPoint, parLevel: row.parLevel, quantity: row.quantity,
      lotNumber: row.lotNumber, expiresOn: row.expiresOn ? row.expiresOn.toISOString().slice(0, 10) : null,
    });
  }
  if (errors.length) {
    const shown = errors.slice(0, MAX_REPORTED_ERRORS);
    if (errors.length > shown.length) shown.push(`…and ${errors.length - shown.length} more problems.`);
    return { ok: false, errors: shown };
  }
  return { ok: true, rows };
}

function checkHeader(columns: string[]): string[] {
  const errors: string[] = [];
  const unknown = columns.filter((c) => !(IMPORT_COLUMNS as readonly string[]).includes(c) && !IGNORED_COLUMNS.includes(c));
  if (unknown.length) errors.push(`Line 1: unknown column${unknown.length > 1 ? "s" : ""} ${unknown.map((c) => `"${c}"`).join(", ")}. Allowed: ${IMPORT_COLUMNS.join(", ")}.`);
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length) errors.push(`Line 1: missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}.`);
  const repeated = columns.filter((c, i) => columns.indexOf(c) !== i);
  if (repeated.length) errors.push(`Line 1: column ${repeated[0]} appears twice.`);
  return errors;
}

export class ImportRejectedError extends UserError {
  static override readonly kind: string = "ImportRejectedError";
  constructor(readonly problems: string[]) {
    super("invalid_file", `Nothing was imported. ${problems.length === 1 ? "Fix this problem" : "Fix these problems"} and try again.`, "csv", {
      csv: problems,
    });
    this.name = "ImportRejectedError";
  }
}

export async function importInventoryCsv(actor: InventoryActor, input: { locationId: string; csv: string }) {
  if (!canSeeClinic(actor, input.locationId)) throw new NotFoundError("That clinic was not found.");
  const clinic = await actor.db.location.findUnique({ where: { id: input.locationId }, select: { id: true } });
  if (!clinic) throw new NotFoundError("That clinic was not found.");
  const parsed = parseInventoryCsv(input.csv);
  if (!parsed.ok) throw new ImportRejectedError(parsed.errors);
  return applyImport(actor.db, input.locationId, parsed.rows, actor.user.id);
}

/** Writes validated rows: items upserted by SKU, then deliveries for rows with a quantity. */
export async function applyImport(db: OrgDb, locationId: string, rows: ImportRow[], actorUserId: string | null) {
  const organizationId = db.organizationId;
  const items = JSON.stringify(rows.map(({ line: _line, quantity: _q, lotNumber: _l, expiresOn: _e, ...item }) => item));
  const skus = rows.map((row) => row.sku);
  const receipts = JSON.stringify(rows.filter((r) => r.quantity > 0).map(({ sku, quantity, lotNumber, expiresOn }) => ({ sku, quantity, lotNumber, expiresOn })));
  // Raw SQL for set-based writes; organizationId is explicit in every statement and the
  // transaction runs under the tenant's row-level security.
  return db.transaction(
    async (tx) => {
      // The file's existing items are locked before anything is written, the way counts and
      // transfers lock theirs, and before any lot, as usage logging does.
      const existing = await tx.$queryRaw<Array<{ id: string }>>`
        SELECT "id" FROM "InventoryItem"
        WHERE "organizationId" = ${organizationId} AND "locationId" = ${locationId} AND "sku" = ANY(${skus}::text[])`;
      await lockItemsInIdOrder(tx, organizationId, existing.map((item) => item.id));
      const upserted = await tx.$queryRaw<Array<{ inserted: boolean }>>`
        INSERT INTO "InventoryItem" ("id", "organizationId", "locationId", "sku", "name", "category", "unit", "costCents",
                                     "supplier", "reorderPoint", "parLevel", "onHand", "updatedAt")
        SELECT gen_random_uuid()::text, ${organizationId}, ${locationId}, r."sku", r."name", r."category", r."unit",
               r."costCents", r."supplier", r."reorderPoint", r."parLevel", 0, now()
        FROM jsonb_to_recordset(${items}::jsonb) AS r("sku" text, "name" text, "category" text, "unit" text,
             "costCents" int, "supplier" text, "reorderPoint" int, "parLevel" int)
        ON CONFLICT ("locationId", "sku") DO UPDATE SET
          "name" = EXCLUDED."name", "category" = EXCLUDED."category", "unit" = EXCLUDED."unit",
          "costCents" = EXCLUDED."costCents", "supplier" = EXCLUDED."supplier",
          "reorderPoint" = EXCLUDED."reorderPoint", "parLevel" = EXCLUDED."parLevel", "updatedAt" = now()
        RETURNING (xmax = 0) AS "inserted"`;
      await tx.$executeRaw`
        UPDATE "InventoryItem" i SET "onHand" = i."onHand" + r."quantity", "updatedAt" = now()
        FROM jsonb_to_recordset(${receipts}::jsonb) AS r("sku" text, "quantity" int)
        WHERE i."organizationId" = ${organizationId} AND i."locationId" = ${locationId} AND i."sku" = r."sku"`;
      await tx.$executeRaw`
        INSERT INTO "InventoryLot" ("id", "organizationId", "itemId", "lotNumber", "expiresOn", "onHand", "receivedAt")
        SELECT gen_random_uuid()::text, ${organizationId}, i."id", r."lotNumber", r."expiresOn", r."quantity", now()
        FROM jsonb_to_recordset(${receipts}::jsonb) AS r("sku" text, "quantity" int, "lotNumber" text, "expiresOn" date)
        JOIN "InventoryItem" i ON i."organizationId" = ${organizationId} AND i."locationId" = ${locationId} AND i."sku" = r."sku"
        ON CONFLICT ("itemId", "lotNumber") DO UPDATE SET
          "onHand" = "InventoryLot"."onHand" + EXCLUDED."onHand",
          "expiresOn" = COALESCE(EXCLUDED."expiresOn", "InventoryLot"."expiresOn")`;
      const received = await tx.$executeRaw`
        INSERT INTO "InventoryTransaction" ("id", "organizationId", "locationId", "itemId", "lotId", "kind", "quantity",
                                            "onHandAfter", "reason", "actorUserId", "createdAt")
        SELECT gen_random_uuid()::text, ${organizationId}, ${locationId}, i."id", l."id", 'receipt', r."quantity",
               i."onHand", 'CSV import', ${actorUserId}, now()
        FROM jsonb_to_recordset(${receipts}::jsonb) AS r("sku" text, "quantity" int, "lotNumber" text)
        JOIN "InventoryItem" i ON i."organizationId" = ${organizationId} AND i."locationId" = ${locationId} AND i."sku" = r."sku"
        JOIN "InventoryLot" l ON l."organizationId" = ${organizationId} AND l."itemId" = i."id" AND l."lotNumber" = r."lotNumber"`;
      const created = upserted.filter((row) => row.inserted).length;
      return { rows: rows.length, created, updated: rows.length - created, received };
    },
    { timeout: 120_000 },
  );
}
