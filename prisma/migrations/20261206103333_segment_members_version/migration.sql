-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Segment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "query" TEXT,
    "origin" TEXT,
    "memberCount" INTEGER NOT NULL DEFAULT 0,
    "membersVersion" INTEGER NOT NULL DEFAULT 0,
    "evaluatedAt" DATETIME,
    "evaluatingSince" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "deletedAt" DATETIME
);
INSERT INTO "new_Segment" ("createdAt", "deletedAt", "evaluatedAt", "evaluatingSince", "id", "kind", "memberCount", "name", "origin", "query", "shop", "updatedAt") SELECT "createdAt", "deletedAt", "evaluatedAt", "evaluatingSince", "id", "kind", "memberCount", "name", "origin", "query", "shop", "updatedAt" FROM "Segment";
DROP TABLE "Segment";
ALTER TABLE "new_Segment" RENAME TO "Segment";
CREATE INDEX "Segment_shop_idx" ON "Segment"("shop");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

