-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "importingSince" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Segment" ADD COLUMN     "evaluatingSince" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "SyncRun" ADD COLUMN     "heartbeatAt" TIMESTAMP(3);

