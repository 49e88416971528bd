/**
 * The demo's import (startDemoStore: Admin stand-in, bulk operations, JSONL applied) in a
 * process of its own, for the crash test: the test SIGKILLs it mid-import and starts it again.
 *
 *   tsx app/shopify/sync/test-support/demo-import-child.ts <database url> <data dir> <shop> <customers> <slow|fast>
 *
 * "slow" pauses 300 ms after each committed batch of orders, so the kill lands mid-import.
 * Prints `batch <resource> <objects done>` after each batch and `done` when imported.
 */
import { connectDb } from "~/db/db.server";
import { startDemoStore } from "~/sandbox/demo-store.server";
import { TEST_NOW } from "~/sandbox/shopify-admin/test-support";

const [url, dataDir, shop, customers, pace] = process.argv.slice(2);
if (!url || !dataDir || !shop || !customers || (pace !== "slow" && pace !== "fast")) {
  process.stderr.write("usage: demo-import-child.ts <database url> <data dir> <shop> <customers> <slow|fast>\n");
  process.exit(2);
}

const pause = new Int32Array(new SharedArrayBuffer(4));
const db = connectDb(url);
const store = await startDemoStore({
  db,
  databaseUrl: url,
  shop,
  customers: Number(customers),
  reset: false,
  now: TEST_NOW,
  dataDir,
  batchSize: 40,
  onBatch: (resource, progress) => {
    process.stdout.write(`batch ${resource} ${progress.doneCount}\n`);
    // Blocks the thread between two commits, as a long batch would.
    if (pace === "slow" && resource === "orders") Atomics.wait(pause, 0, 0, 300);
  },
});
process.stdout.write(`done ${store.resumed ? "resumed" : "fresh"}\n`);
await store.standIn.close();
await db.$disconnect();
