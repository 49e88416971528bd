-- CreateTable
CREATE TABLE "SegmentRefreshPending" (
    "shop" TEXT NOT NULL,
    "customerId" INTEGER NOT NULL,
    "generation" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "SegmentRefreshPending_pkey" PRIMARY KEY ("shop","customerId")
);

-- CreateTable
CREATE TABLE "ShopDrainLease" (
    "shop" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "leaseUntil" BIGINT NOT NULL,

    CONSTRAINT "ShopDrainLease_pkey" PRIMARY KEY ("shop")
);

