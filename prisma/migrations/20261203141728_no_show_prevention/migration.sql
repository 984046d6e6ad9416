-- CreateTable
CREATE TABLE "PreventionPolicy" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "riskThreshold" DOUBLE PRECISION NOT NULL,
    "hoursBefore" INTEGER NOT NULL,
    "replyDeadlineHours" INTEGER NOT NULL,
    "quietStartMinute" INTEGER NOT NULL,
    "quietEndMinute" INTEGER NOT NULL,
    "offerWindowMinutes" INTEGER NOT NULL DEFAULT 30,
    "updatedByUserId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PreventionPolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConfirmationRequest" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "appointmentId" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,
    "riskScore" DOUBLE PRECISION NOT NULL,
    "status" TEXT NOT NULL,
    "sentAt" TIMESTAMPTZ(3) NOT NULL,
    "deadlineAt" TIMESTAMPTZ(3) NOT NULL,
    "confirmedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ConfirmationRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PreventionMessage" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "direction" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "contactId" TEXT,
    "ghlContactId" TEXT,
    "appointmentId" TEXT,
    "offerId" TEXT,
    "body" TEXT NOT NULL,
    "ghlMessageId" TEXT,
    "detail" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PreventionMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WaitlistEntry" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,
    "ghlCalendarId" TEXT NOT NULL,
    "preferredDays" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "preferredFromMinute" INTEGER NOT NULL DEFAULT 0,
    "preferredToMinute" INTEGER NOT NULL DEFAULT 1440,
    "expiresOn" DATE NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "note" TEXT,
    "createdByUserId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "WaitlistEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SlotOpening" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "appointmentId" TEXT NOT NULL,
    "ghlCalendarId" TEXT NOT NULL,
    "startTime" TIMESTAMPTZ(3) NOT NULL,
    "endTime" TIMESTAMPTZ(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'offering',
    "bookedAppointmentId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SlotOpening_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WaitlistOffer" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "openingId" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "sentAt" TIMESTAMPTZ(3) NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "bookedAppointmentId" TEXT,
    "detail" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "WaitlistOffer_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PreventionPolicy_locationId_key" ON "PreventionPolicy"("locationId");

-- CreateIndex
CREATE INDEX "PreventionPolicy_organizationId_idx" ON "PreventionPolicy"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "PreventionPolicy_id_organizationId_key" ON "PreventionPolicy"("id", "organizationId");

-- CreateIndex
CREATE INDEX "ConfirmationRequest_organizationId_locationId_status_deadli_idx" ON "ConfirmationRequest"("organizationId", "locationId", "status", "deadlineAt");

-- CreateIndex
CREATE INDEX "ConfirmationRequest_organizationId_contactId_status_idx" ON "ConfirmationRequest"("organizationId", "contactId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "ConfirmationRequest_appointmentId_contactId_key" ON "ConfirmationRequest"("appointmentId", "contactId");

-- CreateIndex
CREATE UNIQUE INDEX "ConfirmationRequest_id_organizationId_key" ON "ConfirmationRequest"("id", "organizationId");

-- CreateIndex
CREATE INDEX "PreventionMessage_organizationId_locationId_createdAt_idx" ON "PreventionMessage"("organizationId", "locationId", "createdAt");

-- CreateIndex
CREATE INDEX "WaitlistEntry_organizationId_locationId_status_idx" ON "WaitlistEntry"("organizationId", "locationId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "WaitlistEntry_id_organizationId_key" ON "WaitlistEntry"("id", "organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "SlotOpening_appointmentId_key" ON "SlotOpening"("appointmentId");

-- CreateIndex
CREATE INDEX "SlotOpening_organizationId_locationId_status_idx" ON "SlotOpening"("organizationId", "locationId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "SlotOpening_id_organizationId_key" ON "SlotOpening"("id", "organizationId");

-- CreateIndex
CREATE INDEX "WaitlistOffer_organizationId_locationId_status_expiresAt_idx" ON "WaitlistOffer"("organizationId", "locationId", "status", "expiresAt");

-- CreateIndex
CREATE INDEX "WaitlistOffer_organizationId_contactId_status_idx" ON "WaitlistOffer"("organizationId", "contactId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "WaitlistOffer_openingId_entryId_key" ON "WaitlistOffer"("openingId", "entryId");

-- AddForeignKey
ALTER TABLE "WaitlistOffer" ADD CONSTRAINT "WaitlistOffer_openingId_organizationId_fkey" FOREIGN KEY ("openingId", "organizationId") REFERENCES "SlotOpening"("id", "organizationId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WaitlistOffer" ADD CONSTRAINT "WaitlistOffer_entryId_organizationId_fkey" FOREIGN KEY ("entryId", "organizationId") REFERENCES "WaitlistEntry"("id", "organizationId") ON DELETE CASCADE ON UPDATE CASCADE;

-- Tenant tables: row-level security forced, with the tenant and system policies.
SELECT sidecar_protect_tenant_table(t::regclass)
FROM unnest(ARRAY['"PreventionPolicy"', '"ConfirmationRequest"', '"PreventionMessage"', '"WaitlistEntry"', '"SlotOpening"', '"WaitlistOffer"']) AS t;

-- What the application validates, the database holds to as well.
ALTER TABLE "PreventionPolicy" ADD CONSTRAINT "PreventionPolicy_ranges" CHECK (
  "riskThreshold" >= 0 AND "riskThreshold" <= 1
  AND "hoursBefore" BETWEEN 1 AND 168
  AND "replyDeadlineHours" >= 0 AND "replyDeadlineHours" < "hoursBefore"
  AND "quietStartMinute" BETWEEN 0 AND 1439 AND "quietEndMinute" BETWEEN 0 AND 1439
  AND "offerWindowMinutes" BETWEEN 5 AND 1440);
ALTER TABLE "ConfirmationRequest" ADD CONSTRAINT "ConfirmationRequest_status" CHECK ("status" IN ('sent', 'confirmed', 'declined', 'no_reply', 'skipped', 'failed'));
ALTER TABLE "PreventionMessage" ADD CONSTRAINT "PreventionMessage_direction" CHECK ("direction" IN ('outbound', 'inbound'));
ALTER TABLE "WaitlistEntry" ADD CONSTRAINT "WaitlistEntry_status" CHECK ("status" IN ('active', 'booked', 'cancelled'));
ALTER TABLE "WaitlistEntry" ADD CONSTRAINT "WaitlistEntry_window" CHECK ("preferredFromMinute" >= 0 AND "preferredToMinute" <= 1440 AND "preferredFromMinute" < "preferredToMinute");
ALTER TABLE "SlotOpening" ADD CONSTRAINT "SlotOpening_status" CHECK ("status" IN ('offering', 'booked', 'exhausted', 'cancelled'));
ALTER TABLE "WaitlistOffer" ADD CONSTRAINT "WaitlistOffer_status" CHECK ("status" IN ('sent', 'booked', 'declined', 'expired', 'failed', 'cancelled'));
-- One offer awaiting an answer per opening: offers go one at a time.
CREATE UNIQUE INDEX "WaitlistOffer_one_open_per_opening" ON "WaitlistOffer"("openingId") WHERE "status" = 'sent';
