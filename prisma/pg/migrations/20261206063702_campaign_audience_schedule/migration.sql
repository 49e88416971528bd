-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "audienceCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "enqueuedCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "excludeSegmentIds" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "frozenAt" TIMESTAMP(3),
ADD COLUMN     "holdoutCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "holdoutPercent" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "includeSegmentIds" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "localTime" TEXT,
ADD COLUMN     "noAddressCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "notSentReason" TEXT,
ADD COLUMN     "previewText" TEXT,
ADD COLUMN     "sendMode" TEXT NOT NULL DEFAULT 'now',
ALTER COLUMN "body" SET DEFAULT '';

-- CreateTable
CREATE TABLE "CampaignHoldout" (
    "campaignId" TEXT NOT NULL,
    "customerId" INTEGER NOT NULL,
    "shop" TEXT NOT NULL,

    CONSTRAINT "CampaignHoldout_pkey" PRIMARY KEY ("campaignId","customerId")
);

-- CreateIndex
CREATE INDEX "CampaignHoldout_shop_idx" ON "CampaignHoldout"("shop");

