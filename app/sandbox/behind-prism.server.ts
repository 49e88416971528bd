// A provider stand-in's two processes: the stateful fake on a free loopback port, and Prism in
// front of it checking every request and answer against the vendor's OpenAPI document.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { startPrismProxy } from "./prism.server";

export interface StatefulFake {
  handle(request: IncomingMessage, response: ServerResponse): void;
  /** Resolves once the fake's own outgoing deliveries (callbacks, events) have settled. */
  idle(): Promise<void>;
}

export interface FakeBehindPrism<F extends StatefulFake> {
  /** Prism: what the SDK talks to. */
  origin: string;
  /** The fake itself: the sandbox page's JSON API (/_sandbox/…) and fault injection tests. */
  fakeOrigin: string;
  fake: F;
  close(): Promise<void>;
}

export function listen(server: Server): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      if (typeof address === "object" && address) resolve(`http://127.0.0.1:${address.port}`);
      else reject(new Error("stand-in has no address"));
    });
  });
}

export function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** Serves `fake` and puts Prism, validating against `spec`, in front of it. */
export async function startBehindPrism<F extends StatefulFake>(fake: F, spec: unknown, label: string): Promise<FakeBehindPrism<F>> {
  const server = createServer(fake.handle);
  const fakeOrigin = await listen(server);
  const prism = await startPrismProxy(spec, fakeOrigin, label).catch(async (error: unknown) => {
    await closeServer(server);
    throw error;
  });
  return {
    origin: prism.origin,
    fakeOrigin,
    fake,
    async close() {
      await prism.close();
      await fake.idle();
      await closeServer(server);
    },
  };
}
