-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "SubscriptionStatus" ADD VALUE 'incomplete_expired';
ALTER TYPE "SubscriptionStatus" ADD VALUE 'paused';

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "billingInterval" TEXT,
ADD COLUMN     "billingPlan" TEXT,
ADD COLUMN     "billingQuantity" INTEGER,
ADD COLUMN     "billingSyncedAt" TIMESTAMPTZ(3),
ADD COLUMN     "cancelAtPeriodEnd" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "currentPeriodEnd" TIMESTAMPTZ(3),
ADD COLUMN     "mrrCents" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "pastDueSince" TIMESTAMPTZ(3),
ADD COLUMN     "stripePriceId" TEXT,
ADD COLUMN     "subscriptionEndedAt" TIMESTAMPTZ(3),
ADD COLUMN     "trialEndingMailedFor" TIMESTAMPTZ(3);
