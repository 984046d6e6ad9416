"use server";

import { orgAction } from "@/lib/entry/action";
import { importInventoryCsv } from "@/lib/inventory/csv-import";
import { ZImportInventoryInput } from "@/lib/inventory/schemas";

export const importInventoryAction = orgAction({
  name: "inventory.import",
  permission: "inventory.manage",
  input: ZImportInventoryInput,
  run: (input, ctx) => importInventoryCsv(ctx, input),
  audit: (input, data) => ({ targetType: "location", targetId: input.locationId, metadata: data }),
});
