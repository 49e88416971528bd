-- DropIndex
DROP INDEX "OutboxMessage_campaignId_idx";

-- CreateIndex
CREATE INDEX "OutboxMessage_campaignId_status_customerId_idx" ON "OutboxMessage"("campaignId", "status", "customerId");

