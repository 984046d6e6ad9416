-- AlterTable
ALTER TABLE "AuditLog" ADD COLUMN     "impersonatorUserId" TEXT;

-- CreateTable
CREATE TABLE "Impersonation" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "adminUserId" TEXT NOT NULL,
    "sessionId" TEXT,
    "reason" TEXT NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "endedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Impersonation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Impersonation_sessionId_endedAt_idx" ON "Impersonation"("sessionId", "endedAt");

-- CreateIndex
CREATE INDEX "Impersonation_organizationId_startedAt_idx" ON "Impersonation"("organizationId", "startedAt");

-- AddForeignKey
ALTER TABLE "Impersonation" ADD CONSTRAINT "Impersonation_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Impersonation" ADD CONSTRAINT "Impersonation_memberId_organizationId_fkey" FOREIGN KEY ("memberId", "organizationId") REFERENCES "Member"("id", "organizationId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Impersonation" ADD CONSTRAINT "Impersonation_adminUserId_fkey" FOREIGN KEY ("adminUserId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Impersonation" ADD CONSTRAINT "Impersonation_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- A look-in belongs to the agency it looked into: row-level security, forced, like every tenant table.
SELECT sidecar_protect_tenant_table('"Impersonation"'::regclass);

-- A look-in is always bounded: at most two hours, and never the reason left blank.
ALTER TABLE "Impersonation" ADD CONSTRAINT "Impersonation_bounded" CHECK ("expiresAt" > "startedAt" AND "expiresAt" <= "startedAt" + interval '2 hours');
ALTER TABLE "Impersonation" ADD CONSTRAINT "Impersonation_reason_given" CHECK (length(btrim("reason")) >= 10);
