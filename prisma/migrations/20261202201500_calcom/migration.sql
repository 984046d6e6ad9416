-- AlterTable
ALTER TABLE "Appointment" ADD COLUMN     "calcomEventTypeId" INTEGER,
ADD COLUMN     "previousExternalIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "rescheduleRequestedAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "CalcomConnection" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "apiKeySealed" TEXT NOT NULL,
    "apiKeyHint" TEXT NOT NULL,
    "accountEmail" TEXT,
    "webhookId" TEXT,
    "webhookSecretSealed" TEXT NOT NULL,
    "hookKey" TEXT NOT NULL,
    "connectedByUserId" TEXT,
    "leaseOwner" TEXT,
    "leaseExpiresAt" TIMESTAMPTZ(3),
    "reconciledAt" TIMESTAMPTZ(3),
    "lastDriftCount" INTEGER,
    "lastReconcileError" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CalcomConnection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CalcomEventType" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "eventTypeId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "lengthInMinutes" INTEGER NOT NULL,
    "locationId" TEXT,
    "ghlCalendarId" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CalcomEventType_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CalcomConnection_organizationId_key" ON "CalcomConnection"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "CalcomConnection_hookKey_key" ON "CalcomConnection"("hookKey");

-- CreateIndex
CREATE UNIQUE INDEX "CalcomConnection_id_organizationId_key" ON "CalcomConnection"("id", "organizationId");

-- CreateIndex
CREATE INDEX "CalcomEventType_organizationId_locationId_idx" ON "CalcomEventType"("organizationId", "locationId");

-- CreateIndex
CREATE UNIQUE INDEX "CalcomEventType_organizationId_eventTypeId_key" ON "CalcomEventType"("organizationId", "eventTypeId");

-- AddForeignKey
ALTER TABLE "CalcomConnection" ADD CONSTRAINT "CalcomConnection_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CalcomEventType" ADD CONSTRAINT "CalcomEventType_connectionId_organizationId_fkey" FOREIGN KEY ("connectionId", "organizationId") REFERENCES "CalcomConnection"("id", "organizationId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CalcomEventType" ADD CONSTRAINT "CalcomEventType_locationId_organizationId_fkey" FOREIGN KEY ("locationId", "organizationId") REFERENCES "Location"("id", "organizationId") ON DELETE NO ACTION ON UPDATE CASCADE;

-- The new tenant tables, protected like every tenant table (force_rls migration): grants,
-- ENABLE + FORCE row-level security, the tenant_isolation and system_access policies.
SELECT sidecar_protect_tenant_table('"CalcomConnection"');
SELECT sidecar_protect_tenant_table('"CalcomEventType"');
