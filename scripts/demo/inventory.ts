import { DEMO_AGENCY, DEMO_CLINICS, seededRandom } from "@/scripts/demo/data";

/**
 * Invented supplies for the demo clinics: four weeks of daily usage (so the forecast has a
 * rate), a few items below their reorder point and a few lots expiring within 30 days. Every
 * row has a fixed id, and on-hand equals the sum of the lots and of the ledger, as the app keeps it.
 */

const DAY_MS = 86_400_000;
const HISTORY_DAYS = 28;

interface CatalogItem {
  sku: string;
  name: string;
  category: string;
  unit: string;
  costCents: number;
  supplier: string;
  reorderPoint: number;
  parLevel: number;
  /** Most units used on one day. */
  dailyMax: number;
}

const CATALOG: CatalogItem[] = [
  { sku: "NS-1000", name: "Normal saline 1 L", category: "IV fluids", unit: "bags", costCents: 325, supplier: "Baxter", reorderPoint: 20, parLevel: 80, dailyMax: 5 },
  { sku: "LR-1000", name: "Lactated Ringer's 1 L", category: "IV fluids", unit: "bags", costCents: 360, supplier: "Baxter", reorderPoint: 15, parLevel: 60, dailyMax: 3 },
  { sku: "IVS-22", name: "IV start kit 22G", category: "Supplies", unit: "kits", costCents: 410, supplier: "McKesson", reorderPoint: 20, parLevel: 90, dailyMax: 6 },
  { sku: "NAD-500", name: "NAD+ 500 mg vial", category: "Vitamins", unit: "vials", costCents: 4200, supplier: "Empower Pharmacy", reorderPoint: 6, parLevel: 24, dailyMax: 2 },
  { sku: "B12-1ML", name: "Vitamin B12 1 mL vial", category: "Vitamins", unit: "vials", costCents: 180, supplier: "Empower Pharmacy", reorderPoint: 10, parLevel: 50, dailyMax: 4 },
  { sku: "GLU-200", name: "Glutathione 200 mg/mL", category: "Vitamins", unit: "vials", costCents: 950, supplier: "Olympia Pharmacy", reorderPoint: 8, parLevel: 30, dailyMax: 2 },
  { sku: "GLV-M", name: "Nitrile gloves, medium", category: "PPE", unit: "boxes", costCents: 890, supplier: "McKesson", reorderPoint: 3, parLevel: 12, dailyMax: 1 },
  { sku: "ALC-PAD", name: "Alcohol prep pads", category: "Supplies", unit: "boxes", costCents: 420, supplier: "McKesson", reorderPoint: 2, parLevel: 10, dailyMax: 1 },
];

/** Per clinic: which items end below their reorder point, and which get a lot expiring soon. */
const SCENARIOS: Record<string, { low: string[]; expiringSoon: string[]; staffUserId: string }> = {
  loc_austin: { low: ["NS-1000", "GLV-M"], expiringSoon: ["NAD-500"], staffUserId: "usr_staff_austin" },
  loc_denver: { low: ["IVS-22"], expiringSoon: ["B12-1ML", "LR-1000"], staffUserId: "usr_staff_denver_miami" },
  loc_miami: { low: ["NAD-500", "GLU-200"], expiringSoon: ["NS-1000"], staffUserId: "usr_staff_denver_miami" },
};

/** The saline lot every demo clinic holds, so a recall search finds it in all three. */
export const DEMO_SHARED_LOT = "BX24A117";

function utcDay(now: Date, daysAgo: number, hour: number): Date {
  const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return new Date(start - daysAgo * DAY_MS + hour * 3_600_000);
}

export function demoInventory(now: Date) {
  const organizationId = DEMO_AGENCY.id;
  const items = [];
  const lots = [];
  const transactions = [];
  for (const [clinicIndex, clinic] of DEMO_CLINICS.entries()) {
    const scenario = SCENARIOS[clinic.id]!;
    const random = seededRandom(9_000 + clinicIndex);
    const key = clinic.id.slice(4);
    for (const entry of CATALOG) {
      const { dailyMax, ...fields } = entry;
      const itemId = `inv_${key}_${entry.sku}`;
      const usage = Array.from({ length: HISTORY_DAYS }, () => Math.floor(random() * (dailyMax + 1)));
      const used = usage.reduce((sum, n) => sum + n, 0);
      const isLow = scenario.low.includes(entry.sku);
      const target = isLow ? Math.max(0, entry.reorderPoint - 2 - Math.floor(random() * 4)) : entry.reorderPoint + 5 + Math.floor(random() * (entry.parLevel - entry.reorderPoint));
      const mainLot = { id: `lot_${key}_${entry.sku}_1`, lotNumber: entry.sku === "NS-1000" ? DEMO_SHARED_LOT : `${entry.sku.slice(0, 3)}${24 + clinicIndex}B${100 + clinicIndex * 7}`, received: used + target };
      const soonLot = scenario.expiringSoon.includes(entry.sku)
        ? { id: `lot_${key}_${entry.sku}_2`, lotNumber: `${entry.sku.slice(0, 3)}${25 + clinicIndex}S${300 + clinicIndex}`, received: 6 }
        : null;
      const onHand = target + (soonLot?.received ?? 0);
      items.push({ id: itemId, organizationId, locationId: clinic.id, ...fields, onHand, createdAt: utcDay(now, HISTORY_DAYS + 7, 9) });
      lots.push({ id: mainLot.id, organizationId, itemId, lotNumber: mainLot.lotNumber, expiresOn: utcDay(now, -(200 + clinicIndex * 30), 0), onHand: target, receivedAt: utcDay(now, HISTORY_DAYS + 7, 9) });
      let running = 0;
      const row = (n: number, quantity: number, kind: "receipt" | "usage", lotId: string, at: Date, actorUserId: string | null) => {
        running += quantity;
        return { id: `itx_${key}_${entry.sku}_${n}`, organizationId, locationId: clinic.id, itemId, lotId, kind, quantity, onHandAfter: running, actorUserId, createdAt: at };
      };
      transactions.push(row(0, mainLot.received, "receipt", mainLot.id, utcDay(now, HISTORY_DAYS + 7, 9), "usr_agency_admin"));
      usage.forEach((units, day) => {
        if (units > 0) transactions.push(row(day + 1, -units, "usage", mainLot.id, utcDay(now, HISTORY_DAYS - day, 15), scenario.staffUserId));
      });
      if (soonLot) {
        const at = new Date(now.getTime() - 3_600_000);
        lots.push({ id: soonLot.id, organizationId, itemId, lotNumber: soonLot.lotNumber, expiresOn: utcDay(now, -(10 + clinicIndex * 5), 0), onHand: soonLot.received, receivedAt: at });
        transactions.push(row(HISTORY_DAYS + 1, soonLot.received, "receipt", soonLot.id, at, "usr_agency_admin"));
      }
    }
  }
  return { items, lots, transactions };
}
