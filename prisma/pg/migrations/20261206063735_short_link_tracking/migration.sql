-- AlterTable
ALTER TABLE "ShortLink" ADD COLUMN     "automationRunId" TEXT,
ADD COLUMN     "campaignId" TEXT,
ADD COLUMN     "channel" "Channel",
ADD COLUMN     "customerId" INTEGER,
ADD COLUMN     "firstClickedAt" TIMESTAMP(3),
ADD COLUMN     "lastClickedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "ShortLink_outboxMessageId_idx" ON "ShortLink"("outboxMessageId");

