-- CreateEnum
CREATE TYPE "FindingStatus" AS ENUM ('open', 'snoozed', 'resolved');

-- CreateTable
CREATE TABLE "Finding" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "subjectKey" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "severityRank" INTEGER NOT NULL,
    "priority" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "title" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "records" JSONB NOT NULL DEFAULT '[]',
    "action" JSONB,
    "status" "FindingStatus" NOT NULL DEFAULT 'open',
    "assigneeUserId" TEXT,
    "snoozedUntil" TIMESTAMPTZ(3),
    "openedAt" TIMESTAMPTZ(3) NOT NULL,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL,
    "missedRuns" INTEGER NOT NULL DEFAULT 0,
    "resolvedAt" TIMESTAMPTZ(3),
    "resolvedByUserId" TEXT,
    "resolutionNote" TEXT,
    "autoResolved" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Finding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FindingEvent" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "findingId" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "actorUserId" TEXT,
    "note" TEXT,
    "episodeOpenedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FindingEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Service" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "match" TEXT NOT NULL,
    "priceCents" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Service_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceSupply" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "serviceId" TEXT NOT NULL,
    "sku" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,

    CONSTRAINT "ServiceSupply_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LotRecall" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "lotNumber" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdByUserId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LotRecall_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Finding_organizationId_status_severityRank_priority_openedA_idx" ON "Finding"("organizationId", "status", "severityRank", "priority", "openedAt");

-- CreateIndex
CREATE INDEX "Finding_organizationId_locationId_status_idx" ON "Finding"("organizationId", "locationId", "status");

-- CreateIndex
CREATE INDEX "Finding_organizationId_resolvedAt_idx" ON "Finding"("organizationId", "resolvedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Finding_organizationId_locationId_kind_subjectKey_key" ON "Finding"("organizationId", "locationId", "kind", "subjectKey");

-- CreateIndex
CREATE UNIQUE INDEX "Finding_id_organizationId_key" ON "Finding"("id", "organizationId");

-- CreateIndex
CREATE INDEX "FindingEvent_organizationId_createdAt_idx" ON "FindingEvent"("organizationId", "createdAt");

-- CreateIndex
CREATE INDEX "FindingEvent_organizationId_findingId_createdAt_idx" ON "FindingEvent"("organizationId", "findingId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Service_organizationId_name_key" ON "Service"("organizationId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Service_id_organizationId_key" ON "Service"("id", "organizationId");

-- CreateIndex
CREATE INDEX "ServiceSupply_organizationId_idx" ON "ServiceSupply"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "ServiceSupply_serviceId_sku_key" ON "ServiceSupply"("serviceId", "sku");

-- CreateIndex
CREATE UNIQUE INDEX "LotRecall_organizationId_lotNumber_key" ON "LotRecall"("organizationId", "lotNumber");

-- AddForeignKey
ALTER TABLE "Finding" ADD CONSTRAINT "Finding_locationId_organizationId_fkey" FOREIGN KEY ("locationId", "organizationId") REFERENCES "Location"("id", "organizationId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FindingEvent" ADD CONSTRAINT "FindingEvent_findingId_organizationId_fkey" FOREIGN KEY ("findingId", "organizationId") REFERENCES "Finding"("id", "organizationId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceSupply" ADD CONSTRAINT "ServiceSupply_serviceId_organizationId_fkey" FOREIGN KEY ("serviceId", "organizationId") REFERENCES "Service"("id", "organizationId") ON DELETE CASCADE ON UPDATE CASCADE;

-- The queue's tables belong to one agency each: row-level security, forced, like every tenant table.
SELECT sidecar_protect_tenant_table(t::regclass)
FROM unnest(ARRAY['"Finding"', '"FindingEvent"', '"Service"', '"ServiceSupply"', '"LotRecall"']) AS t;

ALTER TABLE "ServiceSupply" ADD CONSTRAINT "ServiceSupply_quantity_positive" CHECK ("quantity" > 0);
