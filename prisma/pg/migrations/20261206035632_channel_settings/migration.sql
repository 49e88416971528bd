-- CreateTable
CREATE TABLE "ChannelSettings" (
    "shop" TEXT NOT NULL,
    "brandName" TEXT,
    "twilioAccountSid" TEXT,
    "twilioApiKeySid" TEXT,
    "twilioSender" TEXT,
    "twilioSenderType" TEXT,
    "twilioSenderVerified" BOOLEAN NOT NULL DEFAULT false,
    "smsPerSecond" INTEGER NOT NULL DEFAULT 1,
    "emailFromName" TEXT,
    "emailFromAddress" TEXT,
    "emailReplyTo" TEXT,
    "emailUnsubscribeGroupId" INTEGER,
    "postalAddress" TEXT,
    "sendgridEventKey" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChannelSettings_pkey" PRIMARY KEY ("shop")
);

