-- CreateEnum
CREATE TYPE "SyncHealth" AS ENUM ('pending', 'healthy', 'degraded', 'error');

-- CreateEnum
CREATE TYPE "SyncRunKind" AS ENUM ('incremental', 'reconcile');

-- CreateEnum
CREATE TYPE "SyncRunStatus" AS ENUM ('running', 'completed', 'partial', 'failed');

-- CreateTable
CREATE TABLE "GhlConnection" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "scopes" TEXT NOT NULL,
    "accessTokenSealed" TEXT NOT NULL,
    "refreshTokenSealed" TEXT NOT NULL,
    "accessTokenExpiresAt" TIMESTAMPTZ(3) NOT NULL,
    "tokenVersion" INTEGER NOT NULL DEFAULT 0,
    "connectedByUserId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "GhlConnection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OAuthState" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OAuthState_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LocationSync" (
    "locationId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "contactsCursorAt" TIMESTAMPTZ(3),
    "scanState" JSONB,
    "leaseOwner" TEXT,
    "leaseExpiresAt" TIMESTAMPTZ(3),
    "health" "SyncHealth" NOT NULL DEFAULT 'pending',
    "lastSyncedAt" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
    "rateLimitRemaining" INTEGER,
    "rateLimitDailyRemaining" INTEGER,
    "rateLimitObservedAt" TIMESTAMPTZ(3),
    "accessTokenSealed" TEXT,
    "accessTokenExpiresAt" TIMESTAMPTZ(3),
    "reconciledAt" TIMESTAMPTZ(3),
    "lastDriftCount" INTEGER,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "LocationSync_pkey" PRIMARY KEY ("locationId")
);

-- CreateTable
CREATE TABLE "SyncRun" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "kind" "SyncRunKind" NOT NULL,
    "status" "SyncRunStatus" NOT NULL DEFAULT 'running',
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),
    "durationMs" INTEGER,
    "contactsUpserted" INTEGER NOT NULL DEFAULT 0,
    "contactsDeleted" INTEGER NOT NULL DEFAULT 0,
    "appointmentsUpserted" INTEGER NOT NULL DEFAULT 0,
    "appointmentsDeleted" INTEGER NOT NULL DEFAULT 0,
    "requests" INTEGER NOT NULL DEFAULT 0,
    "errorCount" INTEGER NOT NULL DEFAULT 0,
    "errors" JSONB,
    "driftFound" INTEGER,

    CONSTRAINT "SyncRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookEvent" (
    "id" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMPTZ(3),

    CONSTRAINT "WebhookEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Calendar" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "ghlCalendarId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "isActive" BOOLEAN NOT NULL DEFAULT true,
    "slotDurationMinutes" INTEGER,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Calendar_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContactNote" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,
    "authorUserId" TEXT,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ContactNote_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "GhlConnection_organizationId_key" ON "GhlConnection"("organizationId");

-- CreateIndex
CREATE INDEX "OAuthState_organizationId_idx" ON "OAuthState"("organizationId");

-- CreateIndex
CREATE INDEX "LocationSync_organizationId_idx" ON "LocationSync"("organizationId");

-- CreateIndex
CREATE INDEX "LocationSync_leaseExpiresAt_idx" ON "LocationSync"("leaseExpiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "LocationSync_locationId_organizationId_key" ON "LocationSync"("locationId", "organizationId");

-- CreateIndex
CREATE INDEX "SyncRun_organizationId_locationId_startedAt_idx" ON "SyncRun"("organizationId", "locationId", "startedAt");

-- CreateIndex
CREATE INDEX "WebhookEvent_organizationId_receivedAt_idx" ON "WebhookEvent"("organizationId", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookEvent_source_externalId_key" ON "WebhookEvent"("source", "externalId");

-- CreateIndex
CREATE INDEX "Calendar_organizationId_idx" ON "Calendar"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "Calendar_locationId_ghlCalendarId_key" ON "Calendar"("locationId", "ghlCalendarId");

-- CreateIndex
CREATE INDEX "ContactNote_organizationId_contactId_createdAt_idx" ON "ContactNote"("organizationId", "contactId", "createdAt");

-- AddForeignKey
ALTER TABLE "GhlConnection" ADD CONSTRAINT "GhlConnection_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LocationSync" ADD CONSTRAINT "LocationSync_locationId_organizationId_fkey" FOREIGN KEY ("locationId", "organizationId") REFERENCES "Location"("id", "organizationId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Calendar" ADD CONSTRAINT "Calendar_locationId_organizationId_fkey" FOREIGN KEY ("locationId", "organizationId") REFERENCES "Location"("id", "organizationId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContactNote" ADD CONSTRAINT "ContactNote_contactId_organizationId_fkey" FOREIGN KEY ("contactId", "organizationId") REFERENCES "Contact"("id", "organizationId") ON DELETE CASCADE ON UPDATE CASCADE;

-- Row-level security for tenant tables, as one reusable step: later migrations call
-- SELECT enable_tenant_isolation('<Table>') for each new table that has "organizationId".
CREATE OR REPLACE FUNCTION enable_tenant_isolation(tenant_table text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO sidecar_app', tenant_table);
  EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', tenant_table);
  EXECUTE format(
    'CREATE POLICY tenant_isolation ON %I USING ("organizationId" = current_setting(''app.org_id'', true)) WITH CHECK ("organizationId" = current_setting(''app.org_id'', true))',
    tenant_table
  );
END
$$;

SELECT enable_tenant_isolation(t)
FROM unnest(ARRAY['GhlConnection', 'OAuthState', 'LocationSync', 'SyncRun', 'WebhookEvent', 'Calendar', 'ContactNote']) AS t;
