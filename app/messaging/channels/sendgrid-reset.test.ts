// A kept-alive connection that the server closes just as the next request goes out: the SDK gets
// ECONNRESET on a reused socket. The server below answers the first request of each connection
// and drops the connection at the second, as a server closing an idle connection does.
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmailMessage } from "../channel";
import { createSendGridChannel } from "./sendgrid.server";

let server: Server;
let origin: string;
let answered = 0;

beforeAll(async () => {
  const served = new WeakMap<object, number>();
  server = createServer((request, response) => {
    const count = (served.get(request.socket) ?? 0) + 1;
    served.set(request.socket, count);
    if (count > 1) {
      request.socket.destroy();
      return;
    }
    request.resume();
    request.on("end", () => {
      answered += 1;
      response.writeHead(202, { "X-Message-Id": `msg-${answered}` }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  origin = typeof address === "object" && address ? `http://127.0.0.1:${address.port}` : "";
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const message: EmailMessage = {
  from: { email: "shop@example.com" },
  subject: "Hi",
  text: "Hello",
  recipients: [{ email: "a@example.com" }],
};

describe("SendGrid channel over a connection the server closed", () => {
  it("sends the request again on a fresh connection instead of leaving the emails unknown", async () => {
    const channel = createSendGridChannel({ apiKey: "SG.test", origin });

    const first = await channel.sendEmail(message);
    const second = await channel.sendEmail(message);

    expect(first[0]?.result).toMatchObject({ kind: "sent", providerId: "msg-1" });
    expect(second[0]?.result).toMatchObject({ kind: "sent", providerId: "msg-2" });
    expect(answered).toBe(2);
  });
});
