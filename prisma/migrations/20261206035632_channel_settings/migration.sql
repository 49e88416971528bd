-- CreateTable
CREATE TABLE "ChannelSettings" (
    "shop" TEXT NOT NULL PRIMARY KEY,
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
    "updatedAt" DATETIME NOT NULL
);

