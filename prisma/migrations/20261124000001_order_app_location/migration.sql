-- AlterTable
ALTER TABLE "Order" ADD COLUMN "appGid" TEXT;
ALTER TABLE "Order" ADD COLUMN "locationGid" TEXT;

