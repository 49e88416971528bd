-- CreateTable
CREATE TABLE "AttributionCursor" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "lastOrderId" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL
);

