-- AlterTable
ALTER TABLE "OptInRequest" ADD COLUMN "emailConfirmIp" TEXT;
ALTER TABLE "OptInRequest" ADD COLUMN "emailConfirmUserAgent" TEXT;
ALTER TABLE "OptInRequest" ADD COLUMN "emailConfirmedAt" DATETIME;
ALTER TABLE "OptInRequest" ADD COLUMN "emailCustomerId" INTEGER;
ALTER TABLE "OptInRequest" ADD COLUMN "emailOptInLevel" TEXT;
ALTER TABLE "OptInRequest" ADD COLUMN "emailState" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_OptInSettings" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "programName" TEXT NOT NULL DEFAULT '',
    "frequencyText" TEXT NOT NULL DEFAULT 'Recurring automated marketing messages, up to 6 msgs/month.',
    "termsUrl" TEXT NOT NULL DEFAULT '',
    "privacyUrl" TEXT NOT NULL DEFAULT '',
    "welcomeText" TEXT NOT NULL DEFAULT '',
    "discountCode" TEXT NOT NULL DEFAULT '',
    "emailOptInLevel" TEXT NOT NULL DEFAULT 'SINGLE_OPT_IN',
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_OptInSettings" ("discountCode", "enabled", "frequencyText", "privacyUrl", "programName", "shop", "termsUrl", "updatedAt", "welcomeText") SELECT "discountCode", "enabled", "frequencyText", "privacyUrl", "programName", "shop", "termsUrl", "updatedAt", "welcomeText" FROM "OptInSettings";
DROP TABLE "OptInSettings";
ALTER TABLE "new_OptInSettings" RENAME TO "OptInSettings";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

