-- AlterTable
ALTER TABLE "Shop" ADD COLUMN "importingSince" DATETIME;

-- AlterTable
ALTER TABLE "Segment" ADD COLUMN "evaluatingSince" DATETIME;

-- AlterTable
ALTER TABLE "SyncRun" ADD COLUMN "heartbeatAt" DATETIME;

