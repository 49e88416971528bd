// Error text for logs, failed jobs and failed inbox events: the error's code and its actual
// message first. Prisma prefixes its messages with a code frame ("Invalid `prisma.x.y()`
// invocation in /path:12:3" and the source lines around it) that can run past any bound and
// hide the cause, so the frame is dropped and the cause kept. PURE.

const MAX_CHARS = 2000;

function codeOf(error: object): string | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" || typeof code === "number" ? String(code) : undefined;
}

/** Drops a Prisma code frame: the cause is the last paragraph after it. */
export function withoutCodeFrame(message: string): string {
  const text = message.trim();
  if (!/^Invalid `[^`]*` invocation/.test(text)) return text;
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  return paragraphs.length > 1 ? (paragraphs.at(-1) ?? text) : text;
}

/** `Name [code]: message` on one bounded string, the cause never cut off by a code frame. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return bound(String(error));
  const code = codeOf(error);
  const head = code === undefined ? error.name : `${error.name} [${code}]`;
  return bound(`${head}: ${withoutCodeFrame(error.message)}`);
}

function bound(text: string): string {
  return text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS)}…` : text;
}
