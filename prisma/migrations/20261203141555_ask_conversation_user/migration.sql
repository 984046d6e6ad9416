-- A conversation belongs to one member's user; it goes when the user does.
-- Conversations of users already gone can't be opened by anyone; they are removed before the key
-- (as sidecar_system, because the table's row-level security binds its owner too).
SET ROLE sidecar_system;
DELETE FROM "AskConversation" c WHERE NOT EXISTS (SELECT 1 FROM "User" u WHERE u."id" = c."userId");
RESET ROLE;

-- AddForeignKey
ALTER TABLE "AskConversation" ADD CONSTRAINT "AskConversation_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
