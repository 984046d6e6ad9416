import { prisma } from "@/lib/db/client";
import type { SeededAgency } from "../../support/tenants";
import type { ActionCase, CrossTenantFeature, World } from "./types";

/** Each agency gets one item (with a lot) per clinic; B's names, SKUs and lot numbers are secrets. */
async function seedItems(agency: SeededAgency) {
  const label = agency.organization.slug.slice(-6);
  const items = [];
  for (const [index, clinic] of agency.clinics.entries()) {
    const organizationId = agency.organization.id;
    const item = await prisma.inventoryItem.create({
      data: { organizationId, locationId: clinic.id, sku: `SKU-${label}-${index}`, name: `Secret saline ${label} ${index}`, category: "IV fluids", unit: "bags", reorderPoint: 5, parLevel: 20, onHand: 10 },
    });
    const lot = await prisma.inventoryLot.create({ data: { organizationId, itemId: item.id, lotNumber: `LOT-${label}-${index}`, onHand: 10 } });
    await prisma.inventoryTransaction.create({ data: { organizationId, locationId: clinic.id, itemId: item.id, lotId: lot.id, kind: "receipt", quantity: 10, onHandAfter: 10 } });
    items.push({ id: item.id, sku: item.sku, name: item.name, lotNumber: lot.lotNumber });
  }
  return { inventoryItems: items };
}

type Items = Array<{ id: string; sku: string; name: string; lotNumber: string }>;
const itemsOf = (w: World, who: "A" | "B") => w.extra[who].inventoryItems as Items;

const ITEM_FIELDS = { sku: "MAL-1", name: "Mallory's item", category: "IV fluids", unit: "bags", cost: 1, reorderPoint: 1, parLevel: 2 };
const CSV = "sku,name,category,unit,cost,reorder_point,par_level,quantity\nMAL-2,Mallory,IV,bags,1,1,2,5";

/** The three attacks every item action gets: B's slug, A's slug with B's item, clinic staff with A's other clinic. */
function itemAttacks(w: World, key: string, input: (itemId: string) => Record<string, unknown>): ActionCase[] {
  const [bItem] = itemsOf(w, "B");
  const [, aOtherClinicItem] = itemsOf(w, "A");
  const call = w.action(key);
  return [
    { who: "ownerA", attempt: "B's item via B's slug", call: () => call(w.B.organization.slug, input(bItem!.id)) },
    { who: "adminA", attempt: "B's item via A's slug", call: () => call(w.A.organization.slug, input(bItem!.id)) },
    { who: "staffA", attempt: "an item of a clinic staff may not see", call: () => call(w.A.organization.slug, input(aOtherClinicItem!.id)), refusals: ["not_found", "forbidden"] },
    // The account cases sign the outsider out everywhere, so depending on order they are a stranger or signed out.
    { who: "outsider", attempt: "a stranger", call: () => call(w.A.organization.slug, input(itemsOf(w, "A")[0]!.id)), refusals: ["not_found", "unauthenticated"] },
  ];
}

const A = "actions/inventory/";

export const inventory: CrossTenantFeature = {
  seed: seedItems,
  secrets: (_agency, extra) => (extra.inventoryItems as Items).flatMap((item) => [item.id, item.sku, item.name, item.lotNumber]),
  snapshot: async (organizationId) => ({
    items: await prisma.inventoryItem.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
    lots: await prisma.inventoryLot.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
    transactions: await prisma.inventoryTransaction.count({ where: { organizationId } }),
    digests: await prisma.inventoryDigest.count({ where: { organizationId } }),
  }),
  actions: {
    [`${A}log-usage.ts#logUsageAction`]: (w) => itemAttacks(w, `${A}log-usage.ts#logUsageAction`, (itemId) => ({ itemId, quantity: 1 })),
    [`${A}receive-delivery.ts#receiveDeliveryAction`]: (w) =>
      itemAttacks(w, `${A}receive-delivery.ts#receiveDeliveryAction`, (itemId) => ({ itemId, quantity: 5, lotNumber: "MAL" })),
    [`${A}adjust-stock.ts#adjustStockAction`]: (w) =>
      itemAttacks(w, `${A}adjust-stock.ts#adjustStockAction`, (itemId) => ({ itemId, change: -1, reason: "mallory" })),
    [`${A}update-item.ts#updateItemAction`]: (w) => itemAttacks(w, `${A}update-item.ts#updateItemAction`, (itemId) => ({ itemId, ...ITEM_FIELDS })),
    [`${A}transfer-stock.ts#transferStockAction`]: (w) => {
      const key = `${A}transfer-stock.ts#transferStockAction`;
      const [aItem] = itemsOf(w, "A");
      return [
        ...itemAttacks(w, key, (itemId) => ({ itemId, toLocationId: w.A.clinics[0].id, quantity: 1 })),
        { who: "ownerA", attempt: "move A's stock into B's clinic", call: () => w.action(key)(w.A.organization.slug, { itemId: aItem!.id, toLocationId: w.B.clinics[0].id, quantity: 1 }) },
      ];
    },
    [`${A}count-stock.ts#countStockAction`]: ({ A: a, B, action, extra }) => {
      const call = action(`${A}count-stock.ts#countStockAction`);
      const [bItem] = extra.B.inventoryItems as Items;
      const [aItem, aOtherItem] = extra.A.inventoryItems as Items;
      return [
        { who: "ownerA", attempt: "count B's clinic via B", call: () => call(B.organization.slug, { locationId: B.clinics[0].id, counts: [{ itemId: bItem!.id, counted: 0 }] }) },
        { who: "ownerA", attempt: "count B's clinic via A", call: () => call(a.organization.slug, { locationId: B.clinics[0].id, counts: [{ itemId: bItem!.id, counted: 0 }] }) },
        { who: "adminA", attempt: "B's item in A's count", call: () => call(a.organization.slug, { locationId: a.clinics[0].id, counts: [{ itemId: aItem!.id, counted: 3 }, { itemId: bItem!.id, counted: 0 }] }) },
        { who: "staffA", attempt: "count a clinic staff may not see", call: () => call(a.organization.slug, { locationId: a.clinics[1].id, counts: [{ itemId: aOtherItem!.id, counted: 0 }] }) },
      ];
    },
    [`${A}create-item.ts#createItemAction`]: ({ A: a, B, action }) => {
      const call = action(`${A}create-item.ts#createItemAction`);
      return [
        { who: "ownerA", attempt: "create in B's clinic via B", call: () => call(B.organization.slug, { ...ITEM_FIELDS, locationId: B.clinics[0].id }) },
        { who: "ownerA", attempt: "create in B's clinic via A", call: () => call(a.organization.slug, { ...ITEM_FIELDS, locationId: B.clinics[0].id }) },
        { who: "staffA", attempt: "clinic staff creates items", call: () => call(a.organization.slug, { ...ITEM_FIELDS, locationId: a.clinics[0].id }), refusals: ["forbidden"] },
      ];
    },
    [`${A}import-inventory.ts#importInventoryAction`]: ({ A: a, B, action }) => {
      const call = action(`${A}import-inventory.ts#importInventoryAction`);
      return [
        { who: "ownerA", attempt: "import into B's clinic via B", call: () => call(B.organization.slug, { locationId: B.clinics[0].id, csv: CSV }) },
        { who: "adminA", attempt: "import into B's clinic via A", call: () => call(a.organization.slug, { locationId: B.clinics[0].id, csv: CSV }) },
        { who: "staffA", attempt: "clinic staff imports", call: () => call(a.organization.slug, { locationId: a.clinics[0].id, csv: CSV }), refusals: ["forbidden"] },
      ];
    },
  },
  routes: {
    "app/agency/[slug]/admin/inventory/export/route.ts": ({ A: a, B }) => {
      const url = (slug: string, query = "") => `http://localhost:3000/agency/${slug}/admin/inventory/export${query}`;
      const as = (slug: string) => ({ slug });
      return [
        { who: "ownerA", attempt: "export B via B's slug", request: () => new Request(url(B.organization.slug)), params: as(B.organization.slug), statuses: [404] },
        { who: "ownerA", attempt: "export B's clinic via A's slug", request: () => new Request(url(a.organization.slug, `?clinic=${B.clinics[0].id}`)), params: as(a.organization.slug), statuses: [404] },
        { who: "staffA", attempt: "export a clinic staff may not see", request: () => new Request(url(a.organization.slug, `?clinic=${a.clinics[1].id}`)), params: as(a.organization.slug), statuses: [404] },
        // Everything A's staff may see: A's first clinic only, never B's rows (checked by the secrets).
        { who: "staffA", attempt: "export all clinics as clinic staff", request: () => new Request(url(a.organization.slug)), params: as(a.organization.slug), statuses: [200] },
        { who: "outsider", attempt: "a stranger exports", request: () => new Request(url(a.organization.slug)), params: as(a.organization.slug), statuses: [401, 404] },
      ];
    },
    "app/api/cron/inventory-digest/route.ts": ({ sessions }) => [
      { who: "ownerA", attempt: "run the digest with a session instead of the cron secret", request: () => new Request("http://localhost:3000/api/cron/inventory-digest", { headers: sessions.ownerA }), statuses: [401] },
      { who: "staffA", attempt: "run the digest as clinic staff", request: () => new Request("http://localhost:3000/api/cron/inventory-digest", { headers: sessions.staffA }), statuses: [401] },
    ],
  },
};
