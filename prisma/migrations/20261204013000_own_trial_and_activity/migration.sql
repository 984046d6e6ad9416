-- Every agency is on a trial from its creation: Sidecar's own until its first Checkout, then
-- Stripe's (lib/billing/entitlements.ts). The default gives each new row its 14 days
-- (TRIAL_DAYS in lib/billing/plans.ts), whichever way the row is created.
ALTER TABLE "Organization" ALTER COLUMN "trialEndsAt" SET DEFAULT (now() + '14 days'::interval);

-- Agencies created before this without a subscription or a trial end: their trial ran from their
-- creation, as every agency's does now, but ends no sooner than 7 days from this migration, so an
-- agency that has been working without one gets the banner and the "trial ends in 3 days" mail
-- before it becomes read-only (until an owner subscribes, like after an ended Stripe trial).
UPDATE "Organization"
SET "trialEndsAt" = GREATEST("createdAt" + '14 days'::interval, now() + '7 days'::interval)
WHERE "type" = 'agency' AND "trialEndsAt" IS NULL AND "stripeSubscriptionId" IS NULL;

-- When the agency's newest audit entry was written, kept by lib/audit/audit.ts from now on.
ALTER TABLE "Organization" ADD COLUMN "lastActivityAt" TIMESTAMPTZ(3);

UPDATE "Organization" AS o
SET "lastActivityAt" = newest.at
FROM (SELECT "organizationId", max("createdAt") AS at FROM "AuditLog" WHERE "organizationId" IS NOT NULL GROUP BY "organizationId") AS newest
WHERE newest."organizationId" = o."id";
