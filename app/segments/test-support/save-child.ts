/**
 * A process that saves a segment the way the editor's action does (the real saveSegment, the
 * embedded queue for its follow-up evaluation job) and holds when the evaluation starts, so the
 * kill -9 test can kill it mid-save: after the segment row is written, before its members are.
 *
 *   tsx app/segments/test-support/save-child.ts <database url> <shop> <query> <now ISO>
 *
 * Prints `evaluating` when the save reaches the evaluation, then waits to be killed.
 */
import pino from "pino";
import { connectDb } from "~/db/db.server";
import { openTestQueue } from "~/jobs/test-support/test-queues.server";
import { createLogger } from "~/lib/logger.server";
import { FactsIndexCache } from "../facts-index/facts-index.server";
import { queuedSegmentEvaluations } from "../membership/segment-evaluate-job.server";
import { saveSegment } from "../segment-service.server";

const [url, shop, query, nowIso] = process.argv.slice(2);
if (!url || !shop || !query || !nowIso) {
  process.stderr.write("usage: save-child.ts <database url> <shop> <query> <now ISO>\n");
  process.exit(2);
}

/** The evaluation never finishes here: the parent kills the process while it waits. */
class HeldIndex extends FactsIndexCache {
  override async get(): Promise<never> {
    process.stdout.write("evaluating\n");
    return new Promise<never>(() => undefined);
  }
}

const db = connectDb(url);
const queue = await openTestQueue("embedded", url, db, createLogger({ level: "warn", destination: pino.destination(2) }));
await saveSegment(
  { db, index: new HeldIndex(db, { url }), evaluations: queuedSegmentEvaluations(async () => queue) },
  shop,
  { name: "Spenders", query },
  new Date(nowIso),
);
