-- AlterTable
ALTER TABLE "Automation" ADD COLUMN "enabledAt" DATETIME;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AutomationRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "automationId" TEXT NOT NULL,
    "checkoutToken" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "nextStep" INTEGER NOT NULL DEFAULT 0,
    "nextDueAt" DATETIME,
    "cancelReason" TEXT,
    "smsUsed" BOOLEAN NOT NULL DEFAULT false,
    "discountCode" TEXT,
    "discountGid" TEXT,
    "stepLog" TEXT NOT NULL DEFAULT '[]',
    "startedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME,
    CONSTRAINT "AutomationRun_automationId_fkey" FOREIGN KEY ("automationId") REFERENCES "Automation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_AutomationRun" ("automationId", "checkoutToken", "discountCode", "finishedAt", "id", "nextStep", "shop", "startedAt", "status") SELECT "automationId", "checkoutToken", "discountCode", "finishedAt", "id", "nextStep", "shop", "startedAt", "status" FROM "AutomationRun";
DROP TABLE "AutomationRun";
ALTER TABLE "new_AutomationRun" RENAME TO "AutomationRun";
CREATE INDEX "AutomationRun_shop_status_idx" ON "AutomationRun"("shop", "status");
CREATE INDEX "AutomationRun_status_nextDueAt_idx" ON "AutomationRun"("status", "nextDueAt");
CREATE UNIQUE INDEX "AutomationRun_automationId_checkoutToken_key" ON "AutomationRun"("automationId", "checkoutToken");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

