-- AlterTable
ALTER TABLE "OptInRequest" ADD COLUMN     "emailConfirmIp" TEXT,
ADD COLUMN     "emailConfirmUserAgent" TEXT,
ADD COLUMN     "emailConfirmedAt" TIMESTAMP(3),
ADD COLUMN     "emailCustomerId" INTEGER,
ADD COLUMN     "emailOptInLevel" "MarketingOptInLevel",
ADD COLUMN     "emailState" "OptInState";

-- AlterTable
ALTER TABLE "OptInSettings" ADD COLUMN     "emailOptInLevel" "MarketingOptInLevel" NOT NULL DEFAULT 'SINGLE_OPT_IN';

