-- CreateTable
CREATE TABLE "SegmentRefreshPending" (
    "shop" TEXT NOT NULL,
    "customerId" INTEGER NOT NULL,
    "generation" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("shop", "customerId")
);

-- CreateTable
CREATE TABLE "ShopDrainLease" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "holder" TEXT NOT NULL,
    "leaseUntil" BIGINT NOT NULL
);

