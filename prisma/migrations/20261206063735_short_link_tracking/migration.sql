-- AlterTable
ALTER TABLE "ShortLink" ADD COLUMN "automationRunId" TEXT;
ALTER TABLE "ShortLink" ADD COLUMN "campaignId" TEXT;
ALTER TABLE "ShortLink" ADD COLUMN "channel" TEXT;
ALTER TABLE "ShortLink" ADD COLUMN "customerId" INTEGER;
ALTER TABLE "ShortLink" ADD COLUMN "firstClickedAt" DATETIME;
ALTER TABLE "ShortLink" ADD COLUMN "lastClickedAt" DATETIME;

-- CreateIndex
CREATE INDEX "ShortLink_outboxMessageId_idx" ON "ShortLink"("outboxMessageId");

