-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "appGid" TEXT,
ADD COLUMN     "locationGid" TEXT;

