-- AlterTable
ALTER TABLE "OptInRequest" ADD COLUMN     "cartRemindersDeclined" BOOLEAN NOT NULL DEFAULT false;

