-- CreateTable
CREATE TABLE "StoredFile" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "filename" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "uploadedByUserId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "storedAt" TIMESTAMPTZ(3),

    CONSTRAINT "StoredFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClinicOversight" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "state" TEXT,
    "medicalDirector" TEXT,
    "providers" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "chartReviewPercent" INTEGER,
    "chartReviewMinimum" INTEGER,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ClinicOversight_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceRule" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "ghlCalendarId" TEXT NOT NULL,
    "gfeRequired" BOOLEAN NOT NULL DEFAULT false,
    "gfeValidityDays" INTEGER,
    "consentKey" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ServiceRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsentTemplate" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "body" TEXT,
    "fileId" TEXT,
    "createdByUserId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConsentTemplate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GfeRecord" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "examinedOn" DATE NOT NULL,
    "expiresOn" DATE NOT NULL,
    "fileId" TEXT,
    "recordedByUserId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GfeRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignedConsent" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "consentKey" TEXT,
    "templateVersion" INTEGER,
    "signedOn" DATE NOT NULL,
    "witness" TEXT,
    "fileId" TEXT,
    "recordedByUserId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SignedConsent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChartReview" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "appointmentId" TEXT NOT NULL,
    "reviewer" TEXT NOT NULL,
    "reviewedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ChartReview_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InventoryDocument" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "itemId" TEXT,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "fileId" TEXT NOT NULL,
    "uploadedByUserId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InventoryDocument_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "StoredFile_key_key" ON "StoredFile"("key");

-- CreateIndex
CREATE INDEX "StoredFile_organizationId_locationId_createdAt_idx" ON "StoredFile"("organizationId", "locationId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "StoredFile_id_organizationId_key" ON "StoredFile"("id", "organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "ClinicOversight_locationId_key" ON "ClinicOversight"("locationId");

-- CreateIndex
CREATE INDEX "ClinicOversight_organizationId_idx" ON "ClinicOversight"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "ClinicOversight_locationId_organizationId_key" ON "ClinicOversight"("locationId", "organizationId");

-- CreateIndex
CREATE INDEX "ServiceRule_organizationId_idx" ON "ServiceRule"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "ServiceRule_locationId_ghlCalendarId_key" ON "ServiceRule"("locationId", "ghlCalendarId");

-- CreateIndex
CREATE INDEX "ConsentTemplate_organizationId_idx" ON "ConsentTemplate"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "ConsentTemplate_locationId_key_version_key" ON "ConsentTemplate"("locationId", "key", "version");

-- CreateIndex
CREATE INDEX "GfeRecord_organizationId_locationId_expiresOn_idx" ON "GfeRecord"("organizationId", "locationId", "expiresOn");

-- CreateIndex
CREATE INDEX "GfeRecord_contactId_idx" ON "GfeRecord"("contactId");

-- CreateIndex
CREATE INDEX "SignedConsent_organizationId_locationId_idx" ON "SignedConsent"("organizationId", "locationId");

-- CreateIndex
CREATE INDEX "SignedConsent_contactId_kind_idx" ON "SignedConsent"("contactId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "ChartReview_appointmentId_key" ON "ChartReview"("appointmentId");

-- CreateIndex
CREATE INDEX "ChartReview_organizationId_locationId_reviewedAt_idx" ON "ChartReview"("organizationId", "locationId", "reviewedAt");

-- CreateIndex
CREATE INDEX "InventoryDocument_organizationId_locationId_createdAt_idx" ON "InventoryDocument"("organizationId", "locationId", "createdAt");

-- CreateIndex
CREATE INDEX "InventoryDocument_itemId_idx" ON "InventoryDocument"("itemId");

-- AddForeignKey
ALTER TABLE "StoredFile" ADD CONSTRAINT "StoredFile_locationId_organizationId_fkey" FOREIGN KEY ("locationId", "organizationId") REFERENCES "Location"("id", "organizationId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClinicOversight" ADD CONSTRAINT "ClinicOversight_locationId_organizationId_fkey" FOREIGN KEY ("locationId", "organizationId") REFERENCES "Location"("id", "organizationId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceRule" ADD CONSTRAINT "ServiceRule_locationId_organizationId_fkey" FOREIGN KEY ("locationId", "organizationId") REFERENCES "Location"("id", "organizationId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsentTemplate" ADD CONSTRAINT "ConsentTemplate_locationId_organizationId_fkey" FOREIGN KEY ("locationId", "organizationId") REFERENCES "Location"("id", "organizationId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GfeRecord" ADD CONSTRAINT "GfeRecord_locationId_organizationId_fkey" FOREIGN KEY ("locationId", "organizationId") REFERENCES "Location"("id", "organizationId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GfeRecord" ADD CONSTRAINT "GfeRecord_contactId_organizationId_fkey" FOREIGN KEY ("contactId", "organizationId") REFERENCES "Contact"("id", "organizationId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SignedConsent" ADD CONSTRAINT "SignedConsent_locationId_organizationId_fkey" FOREIGN KEY ("locationId", "organizationId") REFERENCES "Location"("id", "organizationId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SignedConsent" ADD CONSTRAINT "SignedConsent_contactId_organizationId_fkey" FOREIGN KEY ("contactId", "organizationId") REFERENCES "Contact"("id", "organizationId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChartReview" ADD CONSTRAINT "ChartReview_locationId_organizationId_fkey" FOREIGN KEY ("locationId", "organizationId") REFERENCES "Location"("id", "organizationId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InventoryDocument" ADD CONSTRAINT "InventoryDocument_locationId_organizationId_fkey" FOREIGN KEY ("locationId", "organizationId") REFERENCES "Location"("id", "organizationId") ON DELETE CASCADE ON UPDATE CASCADE;

-- Tenant isolation (forced row-level security, tenant_isolation + system_access policies).
SELECT sidecar_protect_tenant_table('"StoredFile"');
SELECT sidecar_protect_tenant_table('"ClinicOversight"');
SELECT sidecar_protect_tenant_table('"ServiceRule"');
SELECT sidecar_protect_tenant_table('"ConsentTemplate"');
SELECT sidecar_protect_tenant_table('"GfeRecord"');
SELECT sidecar_protect_tenant_table('"SignedConsent"');
SELECT sidecar_protect_tenant_table('"ChartReview"');
SELECT sidecar_protect_tenant_table('"InventoryDocument"');
