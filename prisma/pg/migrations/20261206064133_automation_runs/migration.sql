-- AlterTable
ALTER TABLE "Automation" ADD COLUMN     "enabledAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "AutomationRun" ADD COLUMN     "cancelReason" TEXT,
ADD COLUMN     "discountGid" TEXT,
ADD COLUMN     "nextDueAt" TIMESTAMP(3),
ADD COLUMN     "smsUsed" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "stepLog" TEXT NOT NULL DEFAULT '[]';

-- CreateIndex
CREATE INDEX "AutomationRun_status_nextDueAt_idx" ON "AutomationRun"("status", "nextDueAt");

