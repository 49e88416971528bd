-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "OutboxStatus" ADD VALUE 'UNDELIVERED';
ALTER TYPE "OutboxStatus" ADD VALUE 'SKIPPED';

-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "claimToken" TEXT,
ADD COLUMN     "deadline" TIMESTAMP(3),
ADD COLUMN     "leaseUntil" TIMESTAMP(3),
ADD COLUMN     "skipReason" TEXT,
ADD COLUMN     "statusAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "OutboxMessage_status_leaseUntil_idx" ON "OutboxMessage"("status", "leaseUntil");

