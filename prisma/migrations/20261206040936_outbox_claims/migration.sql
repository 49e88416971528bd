-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN "claimToken" TEXT;
ALTER TABLE "OutboxMessage" ADD COLUMN "deadline" DATETIME;
ALTER TABLE "OutboxMessage" ADD COLUMN "leaseUntil" DATETIME;
ALTER TABLE "OutboxMessage" ADD COLUMN "skipReason" TEXT;
ALTER TABLE "OutboxMessage" ADD COLUMN "statusAt" DATETIME;

-- CreateIndex
CREATE INDEX "OutboxMessage_status_leaseUntil_idx" ON "OutboxMessage"("status", "leaseUntil");

