-- CreateTable
CREATE TABLE "AttributionCursor" (
    "shop" TEXT NOT NULL,
    "lastOrderId" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AttributionCursor_pkey" PRIMARY KEY ("shop")
);

