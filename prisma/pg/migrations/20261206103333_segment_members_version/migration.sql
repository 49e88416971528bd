-- AlterTable
ALTER TABLE "Segment" ADD COLUMN     "membersVersion" INTEGER NOT NULL DEFAULT 0;

