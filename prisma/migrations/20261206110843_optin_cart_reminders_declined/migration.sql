-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_OptInRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "phone" TEXT,
    "email" TEXT,
    "customerId" INTEGER,
    "state" TEXT NOT NULL DEFAULT 'PENDING',
    "source" TEXT NOT NULL,
    "ip" TEXT,
    "userAgent" TEXT,
    "consentText" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'en',
    "countryCode" TEXT,
    "cartReminders" BOOLEAN NOT NULL DEFAULT false,
    "cartRemindersDeclined" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL,
    "confirmedAt" DATETIME,
    "closedAt" DATETIME,
    "emailOptInLevel" TEXT,
    "emailState" TEXT,
    "emailCustomerId" INTEGER,
    "emailConfirmedAt" DATETIME,
    "emailConfirmIp" TEXT,
    "emailConfirmUserAgent" TEXT
);
INSERT INTO "new_OptInRequest" ("cartReminders", "closedAt", "confirmedAt", "consentText", "countryCode", "createdAt", "customerId", "email", "emailConfirmIp", "emailConfirmUserAgent", "emailConfirmedAt", "emailCustomerId", "emailOptInLevel", "emailState", "id", "ip", "locale", "phone", "shop", "source", "state", "userAgent") SELECT "cartReminders", "closedAt", "confirmedAt", "consentText", "countryCode", "createdAt", "customerId", "email", "emailConfirmIp", "emailConfirmUserAgent", "emailConfirmedAt", "emailCustomerId", "emailOptInLevel", "emailState", "id", "ip", "locale", "phone", "shop", "source", "state", "userAgent" FROM "OptInRequest";
DROP TABLE "OptInRequest";
ALTER TABLE "new_OptInRequest" RENAME TO "OptInRequest";
CREATE INDEX "OptInRequest_shop_customerId_state_idx" ON "OptInRequest"("shop", "customerId", "state");
CREATE INDEX "OptInRequest_shop_phone_state_idx" ON "OptInRequest"("shop", "phone", "state");
CREATE INDEX "OptInRequest_shop_createdAt_idx" ON "OptInRequest"("shop", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

