import { describe, expect, it } from "vitest";
import { parseInventoryCsv } from "@/lib/inventory/csv-import";

const HEADER = "sku,name,category,unit,cost,supplier,reorder_point,par_level,quantity,lot_number,expires_on";
const csv = (...lines: string[]) => [HEADER, ...lines].join("\n");
const errorsOf = (text: string) => {
  const result = parseInventoryCsv(text);
  if (result.ok) throw new Error("expected the file to be refused");
  return result.errors;
};

describe("parseInventoryCsv", () => {
  it("reads a valid file, with dollars to cents and optional columns", () => {
    const result = parseInventoryCsv(csv("NS-1000,Normal saline 1L,IV fluids,bags,3.25,Baxter,10,40,24,L123,2027-05-31", "GL-M,Nitrile gloves M,PPE,boxes,8,,2,6,,,"));
    expect(result).toEqual({
      ok: true,
      rows: [
        { line: 2, sku: "NS-1000", name: "Normal saline 1L", category: "IV fluids", unit: "bags", costCents: 325, supplier: "Baxter", reorderPoint: 10, parLevel: 40, quantity: 24, lotNumber: "L123", expiresOn: "2027-05-31" },
        { line: 3, sku: "GL-M", name: "Nitrile gloves M", category: "PPE", unit: "boxes", costCents: 800, supplier: null, reorderPoint: 2, parLevel: 6, quantity: 0, lotNumber: "", expiresOn: null },
      ],
    });
  });

  it("accepts a file with only the required columns, in any order, and reads past an export's extra columns", () => {
    const result = parseInventoryCsv("par_level,reorder_point,cost,unit,category,name,sku,on_hand,clinic\n10,2,1.5,each,Needles,Butterfly 23G,BF-23,7,Austin");
    expect(result.ok && result.rows[0]).toMatchObject({ sku: "BF-23", parLevel: 10, reorderPoint: 2, costCents: 150, quantity: 0 });
  });

  it("refuses wrong columns on line 1", () => {
    expect(errorsOf("sku,name,price\nA,B,1")).toEqual([
      'Line 1: unknown column "price". Allowed: sku, name, category, unit, cost, supplier, reorder_point, par_level, quantity, lot_number, expires_on.',
      "Line 1: missing columns category, unit, cost, reorder_point, par_level.",
    ]);
    expect(errorsOf("")).toEqual(["The file is empty. The first line must name the columns."]);
    expect(errorsOf(HEADER)).toEqual(["The file has a header but no rows."]);
  });

  it("names every bad number with its line and column", () => {
    expect(errorsOf(csv("A,Saline,IV,bags,abc,,1,5,,,", "B,Saline,IV,bags,1,,2.5,5,,,", "C,Saline,IV,bags,1,,1,5,-3,,", "D,Saline,IV,bags,1,,9,5,,,"))).toEqual([
      "Line 2: cost: Enter a cost like 12.50.",
      "Line 3: reorder_point: Enter a whole number.",
      "Line 4: quantity: Cannot be negative.",
      "Line 5: par_level: Par level must be at least the reorder point.",
    ]);
  });

  it("refuses duplicate SKUs, bad dates, a wrong number of values and broken quoting", () => {
    expect(errorsOf(csv("A,Saline,IV,bags,1,,1,5,,,", "B,Gloves,PPE,box,1,,1,5,,,", "A,Saline again,IV,bags,1,,1,5,,,"))).toEqual(["Line 4: SKU A is already on line 2."]);
    expect(errorsOf(csv("A,Saline,IV,bags,1,,1,5,3,L1,2027-02-30"))).toEqual(["Line 2: expires_on: Not a real date."]);
    expect(errorsOf(csv("A,Saline,IV,bags,1,,1,5,3,L1"))).toEqual(["Line 2: expected 11 values, found 10."]);
    expect(errorsOf(csv('A,"Saline,IV,bags,1,,1,5,3,L1,'))).toEqual(["Line 2: the file is not valid CSV (a quote is never closed)."]);
  });

  it("reports at most 50 problems and says how many more there are", () => {
    const errors = errorsOf(csv(...Array.from({ length: 80 }, (_, i) => `S${i},Saline,IV,bags,x,,1,5,,,`)));
    expect(errors).toHaveLength(51);
    expect(errors.at(-1)).toBe("…and 30 more problems.");
  });
});
