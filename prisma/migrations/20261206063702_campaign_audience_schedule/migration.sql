-- CreateTable
CREATE TABLE "CampaignHoldout" (
    "campaignId" TEXT NOT NULL,
    "customerId" INTEGER NOT NULL,
    "shop" TEXT NOT NULL,

    PRIMARY KEY ("campaignId", "customerId")
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Campaign" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "segmentId" TEXT,
    "includeSegmentIds" TEXT NOT NULL DEFAULT '[]',
    "excludeSegmentIds" TEXT NOT NULL DEFAULT '[]',
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "subject" TEXT,
    "previewText" TEXT,
    "body" TEXT NOT NULL DEFAULT '',
    "sendMode" TEXT NOT NULL DEFAULT 'now',
    "scheduledAt" DATETIME,
    "localTime" TEXT,
    "holdoutPercent" INTEGER NOT NULL DEFAULT 0,
    "frozenAt" DATETIME,
    "audienceCount" INTEGER NOT NULL DEFAULT 0,
    "holdoutCount" INTEGER NOT NULL DEFAULT 0,
    "noAddressCount" INTEGER NOT NULL DEFAULT 0,
    "enqueuedCount" INTEGER NOT NULL DEFAULT 0,
    "notSentReason" TEXT,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Campaign" ("body", "channel", "createdAt", "finishedAt", "id", "name", "scheduledAt", "segmentId", "shop", "startedAt", "status", "subject", "updatedAt") SELECT "body", "channel", "createdAt", "finishedAt", "id", "name", "scheduledAt", "segmentId", "shop", "startedAt", "status", "subject", "updatedAt" FROM "Campaign";
DROP TABLE "Campaign";
ALTER TABLE "new_Campaign" RENAME TO "Campaign";
CREATE INDEX "Campaign_shop_status_idx" ON "Campaign"("shop", "status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "CampaignHoldout_shop_idx" ON "CampaignHoldout"("shop");

