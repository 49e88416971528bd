-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "CustomerProductPurchase";
PRAGMA foreign_keys=on;

