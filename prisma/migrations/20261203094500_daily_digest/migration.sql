-- The inventory-only digest becomes the daily digest of the queue: the same claim per agency,
-- day and recipient, so days already mailed stay mailed. Renaming keeps the rows, the grants and
-- the row-level security policies; the protection is applied again for good measure (idempotent).
ALTER TABLE "InventoryDigest" RENAME TO "DailyDigest";
ALTER TABLE "DailyDigest" RENAME CONSTRAINT "InventoryDigest_pkey" TO "DailyDigest_pkey";

SELECT sidecar_protect_tenant_table('"DailyDigest"');
