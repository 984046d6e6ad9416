-- CreateEnum
CREATE TYPE "InboxStatus" AS ENUM ('pending', 'reread', 'done', 'dead');

-- CreateTable
CREATE TABLE "WebhookInbox" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "deliveryId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "recordId" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" "InboxStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "availableAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMPTZ(3),
    "lastError" TEXT,

    CONSTRAINT "WebhookInbox_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WebhookInbox_status_availableAt_idx" ON "WebhookInbox"("status", "availableAt");

-- CreateIndex
CREATE INDEX "WebhookInbox_locationId_status_receivedAt_idx" ON "WebhookInbox"("locationId", "status", "receivedAt");

-- CreateIndex
CREATE INDEX "WebhookInbox_locationId_recordId_receivedAt_idx" ON "WebhookInbox"("locationId", "recordId", "receivedAt");

-- CreateIndex
CREATE INDEX "WebhookInbox_organizationId_status_idx" ON "WebhookInbox"("organizationId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookInbox_source_deliveryId_key" ON "WebhookInbox"("source", "deliveryId");

-- AddForeignKey
ALTER TABLE "WebhookInbox" ADD CONSTRAINT "WebhookInbox_locationId_organizationId_fkey" FOREIGN KEY ("locationId", "organizationId") REFERENCES "Location"("id", "organizationId") ON DELETE CASCADE ON UPDATE CASCADE;

-- The inbox belongs to one agency per row: row-level security, forced, like every tenant table.
SELECT sidecar_protect_tenant_table('"WebhookInbox"');
