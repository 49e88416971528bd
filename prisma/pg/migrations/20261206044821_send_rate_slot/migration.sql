-- CreateTable
CREATE TABLE "SendRateSlot" (
    "shop" TEXT NOT NULL,
    "nextSlotMs" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "SendRateSlot_pkey" PRIMARY KEY ("shop")
);

