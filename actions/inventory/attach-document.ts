"use server";

import { orgAction } from "@/lib/entry/action";
import { attachInventoryDocument, ZInventoryDocumentInput } from "@/lib/inventory/documents";

/** Keeps an uploaded supplier invoice or recall notice with a clinic's stock (and an item, when it is about one). */
export const attachInventoryDocumentAction = orgAction({
  name: "inventory.attach-document",
  permission: "inventory.use",
  input: ZInventoryDocumentInput,
  run: (input, ctx) => attachInventoryDocument(ctx, input),
  audit: (input, data) => ({ targetType: "inventory_document", targetId: data.documentId, metadata: { locationId: input.locationId, itemId: input.itemId, kind: input.kind, fileId: input.fileId } }),
});
