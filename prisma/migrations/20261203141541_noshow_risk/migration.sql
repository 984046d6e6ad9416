-- CreateEnum
CREATE TYPE "RiskBand" AS ENUM ('low', 'medium', 'high');

-- AlterTable
ALTER TABLE "Appointment" ADD COLUMN     "bookedAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "NoShowModel" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "params" JSONB NOT NULL,
    "trainRows" INTEGER NOT NULL,
    "testRows" INTEGER NOT NULL,
    "splitAt" TIMESTAMPTZ(3),
    "evaluation" JSONB,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "trainedAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NoShowModel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AppointmentRisk" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "appointmentId" TEXT NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "band" "RiskBand" NOT NULL,
    "reasons" JSONB NOT NULL DEFAULT '[]',
    "features" JSONB NOT NULL DEFAULT '{}',
    "modelVersion" TEXT NOT NULL,
    "scoredAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AppointmentRisk_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "NoShowModel_organizationId_active_version_idx" ON "NoShowModel"("organizationId", "active", "version");

-- CreateIndex
CREATE UNIQUE INDEX "NoShowModel_organizationId_version_key" ON "NoShowModel"("organizationId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "NoShowModel_id_organizationId_key" ON "NoShowModel"("id", "organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "AppointmentRisk_appointmentId_key" ON "AppointmentRisk"("appointmentId");

-- CreateIndex
CREATE INDEX "AppointmentRisk_organizationId_locationId_band_idx" ON "AppointmentRisk"("organizationId", "locationId", "band");

-- CreateIndex
CREATE UNIQUE INDEX "AppointmentRisk_id_organizationId_key" ON "AppointmentRisk"("id", "organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "AppointmentRisk_appointmentId_organizationId_key" ON "AppointmentRisk"("appointmentId", "organizationId");

-- AddForeignKey
ALTER TABLE "NoShowModel" ADD CONSTRAINT "NoShowModel_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AppointmentRisk" ADD CONSTRAINT "AppointmentRisk_appointmentId_organizationId_fkey" FOREIGN KEY ("appointmentId", "organizationId") REFERENCES "Appointment"("id", "organizationId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AppointmentRisk" ADD CONSTRAINT "AppointmentRisk_locationId_organizationId_fkey" FOREIGN KEY ("locationId", "organizationId") REFERENCES "Location"("id", "organizationId") ON DELETE CASCADE ON UPDATE CASCADE;

-- No-show models and scores belong to one agency each: row-level security, forced, like every tenant table.
SELECT sidecar_protect_tenant_table(t::regclass)
FROM unnest(ARRAY['"NoShowModel"', '"AppointmentRisk"']) AS t;

ALTER TABLE "AppointmentRisk" ADD CONSTRAINT "AppointmentRisk_score_range" CHECK ("score" >= 0 AND "score" <= 1);
