// Child process of the live-count bench: a fresh process's first editor request against the
// store given as argument, timed from loading the route's modules to the answer (the index
// comes from the snapshot the parent wrote). Prints {"ms": …} as its last line.
import { liveRequest, setSandboxEnv } from "./live-count";

const file = process.argv[2];
if (!file) throw new Error("usage: live-count-cold.ts <store.sqlite>");
setSandboxEnv(file);
const started = performance.now();
const route = await import("../app/routes/app.segments.live");
await liveRequest(route.action, "number_of_orders >= 1");
const ms = performance.now() - started;
const { db } = await import("../app/db/db.server");
await db().$disconnect();
process.stdout.write(`${JSON.stringify({ ms })}\n`);
