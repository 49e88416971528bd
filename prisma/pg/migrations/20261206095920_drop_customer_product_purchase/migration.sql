-- DropTable
DROP TABLE "CustomerProductPurchase";

