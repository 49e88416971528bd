-- CreateEnum
CREATE TYPE "OptInState" AS ENUM ('PENDING', 'CONFIRMED', 'EXPIRED', 'DECLINED');

-- CreateTable
CREATE TABLE "OptInRequest" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "phone" TEXT,
    "email" TEXT,
    "customerId" INTEGER,
    "state" "OptInState" NOT NULL DEFAULT 'PENDING',
    "source" TEXT NOT NULL,
    "ip" TEXT,
    "userAgent" TEXT,
    "consentText" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'en',
    "countryCode" TEXT,
    "cartReminders" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "confirmedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "OptInRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OptInRateCount" (
    "shop" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "windowStart" INTEGER NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "OptInRateCount_pkey" PRIMARY KEY ("shop","key","windowStart")
);

-- CreateTable
CREATE TABLE "OptInSettings" (
    "shop" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "programName" TEXT NOT NULL DEFAULT '',
    "frequencyText" TEXT NOT NULL DEFAULT 'Recurring automated marketing messages, up to 6 msgs/month.',
    "termsUrl" TEXT NOT NULL DEFAULT '',
    "privacyUrl" TEXT NOT NULL DEFAULT '',
    "welcomeText" TEXT NOT NULL DEFAULT '',
    "discountCode" TEXT NOT NULL DEFAULT '',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OptInSettings_pkey" PRIMARY KEY ("shop")
);

-- CreateIndex
CREATE INDEX "OptInRequest_shop_customerId_state_idx" ON "OptInRequest"("shop", "customerId", "state");

-- CreateIndex
CREATE INDEX "OptInRequest_shop_phone_state_idx" ON "OptInRequest"("shop", "phone", "state");

-- CreateIndex
CREATE INDEX "OptInRequest_shop_createdAt_idx" ON "OptInRequest"("shop", "createdAt");

