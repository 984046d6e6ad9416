-- AlterEnum
ALTER TYPE "SyncHealth" ADD VALUE 'disconnected';

-- AlterTable
ALTER TABLE "Contact" ADD COLUMN     "lastEventAt" TIMESTAMPTZ(3),
ADD COLUMN     "pendingSince" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "GhlConnection" ADD COLUMN     "installChangedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "newlyInstalledLocationIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "refreshLeaseExpiresAt" TIMESTAMPTZ(3),
ADD COLUMN     "refreshLeaseOwner" TEXT,
ADD COLUMN     "uninstalledAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "Location" ADD COLUMN     "ghlInstallChangedAt" TIMESTAMPTZ(3),
ADD COLUMN     "ghlUninstalledAt" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "Contact_locationId_pendingSince_idx" ON "Contact"("locationId", "pendingSince");
