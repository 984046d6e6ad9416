-- CreateIndex
CREATE INDEX "Contact_organizationId_locationId_deletedAt_dateAdded_idx" ON "Contact"("organizationId", "locationId", "deletedAt", "dateAdded");
