// The HTTP server for production, the demo and browser tests: Express serving the Remix build.
// `npm start` runs it; scripts/demo.ts starts it with the sandbox enabled.
import "./app/jobs/load-env-file.server";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import type { Server } from "node:http";
import { pathToFileURL } from "node:url";
import { db } from "./app/db/db.server";
import { env } from "./app/env.server";
import { createHttpServer, fillMissingHeaders, isCrossOriginWrite } from "./app/http-server.server";
import { createQueue } from "./app/jobs/create-queue.server";
import { jobHandlers } from "./app/jobs/handlers/index.server";
import { startWorker, type Worker } from "./app/jobs/worker.server";
import { createLogger } from "./app/lib/logger.server";
import { DEFAULT_RESPONSE_HEADERS, NO_STORE } from "./app/lib/security-headers";
import { withWebhookReceiver } from "./app/shopify/webhooks/http-receive.server";

export interface StartedServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** Starts the server from the production build in ./build. */
export async function startServer(): Promise<StartedServer> {
  const config = env();
  const log = createLogger({ level: config.LOG_LEVEL });
  const buildPath = pathToFileURL(`${process.cwd()}/build/server/index.js`).href;
  const build = (await import(buildPath)) as ServerBuild;

  const app = express();
  app.disable("x-powered-by");
  app.use(compression());
  // A cross-origin form post is refused here with 403 (Remix would throw: a logged 500).
  app.use((req, res, next) => {
    if (isCrossOriginWrite(req.method, req.headers)) res.status(403).type("text/plain").send("Cross-origin request refused");
    else next();
  });
  // Pages and data get their headers in app/entry.server.tsx; this covers the rest (resource
  // routes such as CSV exports, static files) without overriding what a response set itself.
  app.use((_req, res, next) => {
    fillMissingHeaders(res, { ...DEFAULT_RESPONSE_HEADERS, "Cache-Control": NO_STORE });
    next();
  });
  // Fingerprinted assets can be cached forever; everything else briefly.
  app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
  app.use(express.static("build/client", { maxAge: "1h" }));
  app.all("*", createRequestHandler({ build, mode: config.NODE_ENV }));

  // Shopify webhooks are answered ahead of Express and Remix: verified and stored from the raw
  // body (app/shopify/webhooks/http-receive.server.ts), same answers as the routes, at a
  // fraction of the cost. Everything else goes to the Express app.
  const listener = withWebhookReceiver(
    () => config.SHOPIFY_API_SECRET,
    app,
    (error: unknown) => log.error({ err: error }, "webhook receive failed"),
  );
  const server = await new Promise<Server>((resolve, reject) => {
    // Slow clients are cut off after seconds (app/http-server.server.ts).
    const s = createHttpServer(listener);
    s.on("error", reject);
    s.listen(config.PORT, config.HOST, () => resolve(s));
  });
  const host = config.HOST.includes(":") ? `[${config.HOST}]` : config.HOST;
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;
  const url = `http://${host}:${port}`;
  log.info({ url }, "Flock is listening");
  // Dev and demo run jobs in the web process; production runs `npm run worker` separately.
  const worker: Worker | undefined = config.FLOCK_INPROCESS_WORKER
    ? await startWorker({ queue: await createQueue(config, { db: db(), log }), handlers: jobHandlers, log })
    : undefined;
  return {
    url,
    server,
    async close() {
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
      await worker?.stop({ timeoutMs: 10_000 });
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const started = await startServer();
  const shutdown = () => void started.close().then(() => process.exit(0));
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}
