-- CreateEnum
CREATE TYPE "InventoryTransactionKind" AS ENUM ('usage', 'receipt', 'adjustment', 'transfer_out', 'transfer_in');

-- CreateTable
CREATE TABLE "InventoryItem" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "sku" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "costCents" INTEGER NOT NULL DEFAULT 0,
    "supplier" TEXT,
    "reorderPoint" INTEGER NOT NULL DEFAULT 0,
    "parLevel" INTEGER NOT NULL DEFAULT 0,
    "onHand" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "InventoryItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InventoryLot" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "lotNumber" TEXT NOT NULL,
    "expiresOn" DATE,
    "onHand" INTEGER NOT NULL DEFAULT 0,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InventoryLot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InventoryTransaction" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "lotId" TEXT,
    "kind" "InventoryTransactionKind" NOT NULL,
    "quantity" INTEGER NOT NULL,
    "onHandAfter" INTEGER NOT NULL,
    "reason" TEXT,
    "appointmentId" TEXT,
    "actorUserId" TEXT,
    "transferId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InventoryTransaction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InventoryDigest" (
    "organizationId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "recipients" INTEGER NOT NULL DEFAULT 0,
    "sentAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InventoryDigest_pkey" PRIMARY KEY ("organizationId","day")
);

-- CreateIndex
CREATE INDEX "InventoryItem_organizationId_locationId_name_idx" ON "InventoryItem"("organizationId", "locationId", "name");

-- CreateIndex
CREATE INDEX "InventoryItem_organizationId_name_idx" ON "InventoryItem"("organizationId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "InventoryItem_locationId_sku_key" ON "InventoryItem"("locationId", "sku");

-- CreateIndex
CREATE UNIQUE INDEX "InventoryItem_id_organizationId_key" ON "InventoryItem"("id", "organizationId");

-- CreateIndex
CREATE INDEX "InventoryLot_organizationId_lotNumber_idx" ON "InventoryLot"("organizationId", "lotNumber");

-- CreateIndex
CREATE INDEX "InventoryLot_organizationId_expiresOn_idx" ON "InventoryLot"("organizationId", "expiresOn");

-- CreateIndex
CREATE UNIQUE INDEX "InventoryLot_itemId_lotNumber_key" ON "InventoryLot"("itemId", "lotNumber");

-- CreateIndex
CREATE UNIQUE INDEX "InventoryLot_id_organizationId_key" ON "InventoryLot"("id", "organizationId");

-- CreateIndex
CREATE INDEX "InventoryTransaction_organizationId_itemId_createdAt_idx" ON "InventoryTransaction"("organizationId", "itemId", "createdAt");

-- CreateIndex
CREATE INDEX "InventoryTransaction_organizationId_locationId_kind_created_idx" ON "InventoryTransaction"("organizationId", "locationId", "kind", "createdAt");

-- CreateIndex
CREATE INDEX "InventoryTransaction_lotId_createdAt_idx" ON "InventoryTransaction"("lotId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Appointment_id_organizationId_key" ON "Appointment"("id", "organizationId");

-- AddForeignKey
ALTER TABLE "InventoryItem" ADD CONSTRAINT "InventoryItem_locationId_organizationId_fkey" FOREIGN KEY ("locationId", "organizationId") REFERENCES "Location"("id", "organizationId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InventoryLot" ADD CONSTRAINT "InventoryLot_itemId_organizationId_fkey" FOREIGN KEY ("itemId", "organizationId") REFERENCES "InventoryItem"("id", "organizationId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InventoryTransaction" ADD CONSTRAINT "InventoryTransaction_locationId_organizationId_fkey" FOREIGN KEY ("locationId", "organizationId") REFERENCES "Location"("id", "organizationId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InventoryTransaction" ADD CONSTRAINT "InventoryTransaction_itemId_organizationId_fkey" FOREIGN KEY ("itemId", "organizationId") REFERENCES "InventoryItem"("id", "organizationId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InventoryTransaction" ADD CONSTRAINT "InventoryTransaction_lotId_organizationId_fkey" FOREIGN KEY ("lotId", "organizationId") REFERENCES "InventoryLot"("id", "organizationId") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InventoryTransaction" ADD CONSTRAINT "InventoryTransaction_appointmentId_organizationId_fkey" FOREIGN KEY ("appointmentId", "organizationId") REFERENCES "Appointment"("id", "organizationId") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InventoryTransaction" ADD CONSTRAINT "InventoryTransaction_actorUserId_fkey" FOREIGN KEY ("actorUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The database's own guard: stock can never be stored below zero, whatever the application does.
ALTER TABLE "InventoryItem" ADD CONSTRAINT "InventoryItem_onHand_nonnegative" CHECK ("onHand" >= 0);
ALTER TABLE "InventoryLot" ADD CONSTRAINT "InventoryLot_onHand_nonnegative" CHECK ("onHand" >= 0);

SELECT enable_tenant_isolation(t)
FROM unnest(ARRAY['InventoryItem', 'InventoryLot', 'InventoryTransaction', 'InventoryDigest']) AS t;
