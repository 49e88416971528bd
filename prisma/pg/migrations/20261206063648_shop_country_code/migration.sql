-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "countryCode" TEXT;

