import { stringify } from "csv-stringify/sync";

/**
 * A cell starting with one of these is run as a formula by Excel, LibreOffice or Google Sheets
 * when the file is opened (=, +, -, @, and tab or carriage return before them; full-width forms
 * too, which some locales read the same way). Data from public forms must never be executed
 * in an admin's spreadsheet.
 */
const FORMULA_START = /^[=+\-@\t\r\n\uff1d\uff0b\uff0d\uff20]/;

export type CsvValue = string | number | boolean | bigint | Date | null | undefined;

/**
 * The one rule for a CSV cell in every export: text that would start a formula is prefixed
 * with an apostrophe, which spreadsheets show as text and do not display. Numbers, booleans and
 * dates are written as they are: a spreadsheet reads them as values, not formulas.
 */
export function csvCell(value: CsvValue): string | number | boolean | bigint | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value !== "string") return value;
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Rows to CSV text with every cell through csvCell; header names go through it too. */
export function csvRows(rows: CsvValue[][], options: { header?: string[] } = {}): string {
  const records = rows.map((row) => row.map(csvCell));
  if (options.header) return stringify([options.header.map(csvCell), ...records]);
  return stringify(records);
}
