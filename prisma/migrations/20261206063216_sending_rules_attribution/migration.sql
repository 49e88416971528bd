-- CreateTable
CREATE TABLE "SendingRules" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "quietHours" TEXT,
    "frequencyCap" TEXT,
    "attributionClickHours" INTEGER NOT NULL DEFAULT 168,
    "attributionDeliveryHours" INTEGER NOT NULL DEFAULT 24,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "OrderAttribution" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shop" TEXT NOT NULL,
    "orderId" INTEGER NOT NULL,
    "customerId" INTEGER,
    "outboxMessageId" TEXT NOT NULL,
    "campaignId" TEXT,
    "automationRunId" TEXT,
    "channel" TEXT NOT NULL,
    "touch" TEXT NOT NULL,
    "touchAt" DATETIME NOT NULL,
    "orderAt" DATETIME NOT NULL,
    "revenue" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "OrderAttribution_shop_campaignId_idx" ON "OrderAttribution"("shop", "campaignId");

-- CreateIndex
CREATE INDEX "OrderAttribution_shop_automationRunId_idx" ON "OrderAttribution"("shop", "automationRunId");

-- CreateIndex
CREATE UNIQUE INDEX "OrderAttribution_shop_orderId_key" ON "OrderAttribution"("shop", "orderId");

