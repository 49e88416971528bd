-- DropIndex
DROP INDEX "OutboxMessage_status_leaseUntil_idx";

