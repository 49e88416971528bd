-- CreateTable
CREATE TABLE "ConsentChange" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shop" TEXT NOT NULL,
    "customerId" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "fromState" TEXT NOT NULL,
    "toState" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "writtenBackAt" DATETIME
);

-- CreateIndex
CREATE INDEX "ConsentChange_shop_customerId_channel_id_idx" ON "ConsentChange"("shop", "customerId", "channel", "id");

