import "server-only";
import { z } from "zod";
import type { OrgContext } from "@/lib/auth/context";
import { requireClinic } from "@/lib/clinic/clinics";
import { NotFoundError } from "@/lib/errors";
import { claimUpload } from "@/lib/storage/files";
import { ZFileId } from "@/lib/storage/schemas";

/** Supplier paperwork kept with the stock: invoices, recall notices; stored through the same adapter as patients' forms. */

export const INVENTORY_DOCUMENT_KINDS = ["invoice", "recall_notice", "other"] as const;
export const INVENTORY_DOCUMENT_LABELS: Record<(typeof INVENTORY_DOCUMENT_KINDS)[number], string> = { invoice: "Supplier invoice", recall_notice: "Recall notice", other: "Other document" };

export const ZInventoryDocumentInput = z.object({
  locationId: z.string().trim().min(1).max(64),
  itemId: z.string().trim().min(1).max(64).nullable(),
  kind: z.enum(INVENTORY_DOCUMENT_KINDS),
  title: z.string().trim().min(2, "Name the document").max(160, "Keep it under 160 characters"),
  fileId: ZFileId,
});

type Ctx = Pick<OrgContext, "db" | "clinicIds" | "organization" | "user" | "role" | "impersonator">;

export async function attachInventoryDocument(ctx: Ctx, input: z.output<typeof ZInventoryDocumentInput>) {
  const clinic = await requireClinic(ctx, input.locationId);
  if (input.itemId) {
    const item = await ctx.db.inventoryItem.findFirst({ where: { id: input.itemId, locationId: clinic.id }, select: { id: true } });
    if (!item) throw new NotFoundError("That item was not found.");
  }
  const file = await claimUpload(ctx, input.fileId, { purpose: "inventory_document", locationId: clinic.id });
  const row = await ctx.db.inventoryDocument.create({ data: { organizationId: ctx.organization.id, locationId: clinic.id, itemId: input.itemId, kind: input.kind, title: input.title, fileId: file.id, uploadedByUserId: ctx.user.id } });
  return { documentId: row.id };
}

export function listItemDocuments(ctx: Pick<OrgContext, "db">, itemId: string) {
  return ctx.db.inventoryDocument.findMany({ where: { itemId }, orderBy: { createdAt: "desc" }, take: 50 });
}
