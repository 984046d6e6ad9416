import { describe, expect, it } from "vitest";
import { ESLint } from "eslint";
import { csvCell, csvRows } from "@/lib/csv/cell";

describe("csvCell: the one rule for CSV cells", () => {
  it.each(["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "\n=1", "＝1", "＋1", "－1", "＠A1"])("prefixes %j with an apostrophe", (value) => {
    expect(csvCell(value)).toBe(`'${value}`);
  });

  it("keeps ordinary text, numbers and dates as they are", () => {
    expect(csvCell("Ann O'Neil")).toBe("Ann O'Neil");
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvCell(-3)).toBe(-3);
    expect(csvCell(null)).toBeNull();
    expect(csvCell(new Date("2026-01-02T03:04:05Z"))).toBe("2026-01-02T03:04:05.000Z");
  });

  it("applies to headers and rows", () => {
    expect(csvRows([["=x", 1]], { header: ["@h", "n"] })).toBe("'@h,n\n'=x,1\n");
  });

  it("is the only way to write CSV: importing csv-stringify elsewhere fails lint", async () => {
    const eslint = new ESLint({ cwd: process.cwd() });
    const [result] = await eslint.lintText('import { stringify } from "csv-stringify/sync";\nexport const x = stringify([["a"]]);\n', { filePath: "lib/contacts/some-export.ts" });
    expect(result!.messages.map((m) => m.message).join("\n")).toMatch(/lib\/csv\/cell\.ts/);
  }, 60_000);
});
