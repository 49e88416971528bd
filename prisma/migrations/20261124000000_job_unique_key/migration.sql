-- At most one live (pending or running) job per unique key. Finished jobs keep their key for
-- history and do not block a new one. The Prisma schema cannot express a partial index, so this
-- migration is hand-written, and `migrate diff` against the schema does not show it.
-- (No semicolons in these comments: the PostgreSQL migration runner splits statements on them.)
CREATE UNIQUE INDEX "Job_uniqueKey_live_key" ON "Job"("uniqueKey") WHERE "state" IN ('PENDING', 'RUNNING');
