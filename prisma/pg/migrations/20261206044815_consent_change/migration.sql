-- CreateTable
CREATE TABLE "ConsentChange" (
    "id" SERIAL NOT NULL,
    "shop" TEXT NOT NULL,
    "customerId" INTEGER NOT NULL,
    "channel" "Channel" NOT NULL,
    "fromState" "MarketingState" NOT NULL,
    "toState" "MarketingState" NOT NULL,
    "source" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "writtenBackAt" TIMESTAMP(3),

    CONSTRAINT "ConsentChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ConsentChange_shop_customerId_channel_id_idx" ON "ConsentChange"("shop", "customerId", "channel", "id");

