-- The digest is claimed per recipient. A day already mailed to a whole agency becomes one row
-- per owner and admin, so nobody is mailed that day's digest a second time.
ALTER TABLE "InventoryDigest" DROP CONSTRAINT "InventoryDigest_pkey",
ADD COLUMN     "userId" TEXT;

INSERT INTO "InventoryDigest" ("organizationId", "day", "userId", "sentAt")
SELECT d."organizationId", d."day", m."userId", d."sentAt"
FROM "InventoryDigest" d
JOIN "Member" m ON m."organizationId" = d."organizationId" AND m."role" IN ('agency_owner', 'agency_admin')
WHERE d."userId" IS NULL AND d."recipients" > 0;

DELETE FROM "InventoryDigest" WHERE "userId" IS NULL;

ALTER TABLE "InventoryDigest" DROP COLUMN "recipients",
ALTER COLUMN "userId" SET NOT NULL,
ADD CONSTRAINT "InventoryDigest_pkey" PRIMARY KEY ("organizationId", "day", "userId");
