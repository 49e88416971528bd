-- CreateTable
CREATE TABLE "SendingRules" (
    "shop" TEXT NOT NULL,
    "quietHours" TEXT,
    "frequencyCap" TEXT,
    "attributionClickHours" INTEGER NOT NULL DEFAULT 168,
    "attributionDeliveryHours" INTEGER NOT NULL DEFAULT 24,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SendingRules_pkey" PRIMARY KEY ("shop")
);

-- CreateTable
CREATE TABLE "OrderAttribution" (
    "id" SERIAL NOT NULL,
    "shop" TEXT NOT NULL,
    "orderId" INTEGER NOT NULL,
    "customerId" INTEGER,
    "outboxMessageId" TEXT NOT NULL,
    "campaignId" TEXT,
    "automationRunId" TEXT,
    "channel" "Channel" NOT NULL,
    "touch" TEXT NOT NULL,
    "touchAt" TIMESTAMP(3) NOT NULL,
    "orderAt" TIMESTAMP(3) NOT NULL,
    "revenue" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrderAttribution_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "OrderAttribution_shop_campaignId_idx" ON "OrderAttribution"("shop", "campaignId");

-- CreateIndex
CREATE INDEX "OrderAttribution_shop_automationRunId_idx" ON "OrderAttribution"("shop", "automationRunId");

-- CreateIndex
CREATE UNIQUE INDEX "OrderAttribution_shop_orderId_key" ON "OrderAttribution"("shop", "orderId");

