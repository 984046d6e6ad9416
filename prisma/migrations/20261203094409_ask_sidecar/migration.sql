-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "askMonthlyTokenBudget" INTEGER NOT NULL DEFAULT 500000;

-- CreateTable
CREATE TABLE "AskConversation" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AskConversation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AskMessage" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "parts" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AskMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AskUsage" (
    "organizationId" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "inputTokens" INTEGER NOT NULL DEFAULT 0,
    "outputTokens" INTEGER NOT NULL DEFAULT 0,
    "questions" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AskUsage_pkey" PRIMARY KEY ("organizationId","month")
);

-- CreateIndex
CREATE INDEX "AskConversation_organizationId_userId_updatedAt_idx" ON "AskConversation"("organizationId", "userId", "updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "AskConversation_id_organizationId_key" ON "AskConversation"("id", "organizationId");

-- CreateIndex
CREATE INDEX "AskMessage_conversationId_createdAt_idx" ON "AskMessage"("conversationId", "createdAt");

-- CreateIndex
CREATE INDEX "AskMessage_organizationId_idx" ON "AskMessage"("organizationId");

-- AddForeignKey
ALTER TABLE "AskConversation" ADD CONSTRAINT "AskConversation_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AskMessage" ADD CONSTRAINT "AskMessage_conversationId_organizationId_fkey" FOREIGN KEY ("conversationId", "organizationId") REFERENCES "AskConversation"("id", "organizationId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AskUsage" ADD CONSTRAINT "AskUsage_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Ask Sidecar's tables belong to one agency each: row-level security, forced, like every tenant table.
SELECT sidecar_protect_tenant_table(t::regclass)
FROM unnest(ARRAY['"AskConversation"', '"AskMessage"', '"AskUsage"']) AS t;

ALTER TABLE "Organization" ADD CONSTRAINT "Organization_askMonthlyTokenBudget_nonnegative" CHECK ("askMonthlyTokenBudget" >= 0);
