// A loopback HTTP endpoint for tests that records each request (headers and raw body) and
// answers 200: where the stand-ins post their signed callbacks when no app is running.
import { createServer, type IncomingHttpHeaders } from "node:http";
import { closeServer, listen } from "./behind-prism.server";

export interface RecordedRequest {
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export async function startWebhookRecorder(): Promise<{ origin: string; requests: RecordedRequest[]; close(): Promise<void> }> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      requests.push({ url: req.url ?? "/", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(200).end();
    });
  });
  const origin = await listen(server);
  return { origin, requests, close: () => closeServer(server) };
}
