-- CreateTable
CREATE TABLE "SendRateSlot" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "nextSlotMs" REAL NOT NULL
);

