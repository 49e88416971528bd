// The only reader of process.env. Parsed once at boot; a bad environment fails with one
// message listing every missing or malformed variable.
import { z } from "zod";

const booleanFlag = z
  .enum(["0", "1", "true", "false", ""])
  .optional()
  .transform((v) => v === "1" || v === "true");

export const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, "must start with file: or postgres://")
    .default("file:./prisma/dev.sqlite"),
  SHOPIFY_API_KEY: z.string().min(1),
  SHOPIFY_API_SECRET: z.string().min(1),
  SHOPIFY_APP_URL: z.url(),
  SCOPES: z.string().min(1),
  SHOP_CUSTOM_DOMAIN: z.string().optional(),
  /** 32 bytes, base64 or hex: the AES-256-GCM key for provider secrets. */
  FLOCK_ENCRYPTION_KEY: z.string().refine((v) => decodeKey(v) !== null, "must be 32 bytes as 64 hex characters or base64"),
  /** Signs the demo shop in without Shopify. Honoured only on loopback and outside production. */
  FLOCK_SANDBOX: booleanFlag,
  FLOCK_SANDBOX_SHOP: z.string().default("flock-demo.myshopify.com"),
  /** The Admin stand-in the sandbox session talks to (set by `npm run demo`). */
  FLOCK_SANDBOX_ADMIN_ORIGIN: z.url().optional(),
  FLOCK_SANDBOX_ADMIN_TOKEN: z.string().optional(),
  /** The Twilio and SendGrid stand-ins (set by `npm run demo`): the API behind Prism, and the fake's own sandbox JSON API. */
  FLOCK_SANDBOX_TWILIO_ORIGIN: z.url().optional(),
  FLOCK_SANDBOX_TWILIO_CONTROL: z.url().optional(),
  FLOCK_SANDBOX_SENDGRID_ORIGIN: z.url().optional(),
  FLOCK_SANDBOX_SENDGRID_CONTROL: z.url().optional(),
  /** Start a job worker inside the web process (dev and demo). */
  FLOCK_INPROCESS_WORKER: booleanFlag,
  /** Job queue backend: pg-boss is the default on PostgreSQL; "embedded" keeps jobs in the app tables. */
  FLOCK_QUEUE: z.enum(["embedded", "pgboss"]).optional(),
  /**
   * A directory for snapshots of the segment index (app/segments/facts-index/index-snapshot.server.ts): a
   * fresh process loads a large shop's index from there in seconds instead of rebuilding it.
   * Unset: no snapshots. Processes of one deployment should share it (a common volume).
   */
  FLOCK_INDEX_SNAPSHOT_DIR: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /**
   * Tests only: `npm run worker`'s clock runs this many ms ahead of the system's (negative:
   * behind), so a spawned worker sees the test's dates and a restart can be "after" a lease.
   * Refused in production.
   */
  FLOCK_CLOCK_OFFSET_MS: z.coerce.number().int().optional(),
  /** How often pg-boss looks for jobs whose worker died (heartbeat stopped) to retry them; pg-boss's default is 60. */
  FLOCK_JOB_SUPERVISE_SECONDS: z.coerce.number().int().min(1).max(3600).optional(),
});

export type Env = z.infer<typeof EnvSchema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

/**
 * Secrets published with the code: the demo's (scripts/demo.ts; .env.example leaves both
 * empty). With them anyone can sign webhooks as Shopify or decrypt stored provider secrets, so
 * production refuses to start on them. Keys are compared as bytes, so any spelling of the
 * all-zero demo key is refused. Production also refuses the tests' clock offset.
 */
const DEMO_API_SECRETS: readonly string[] = ["sandbox-api-secret"];
const DEMO_ENCRYPTION_KEY = Buffer.alloc(32, 0);

function productionProblems(config: Env): string[] {
  if (config.NODE_ENV !== "production") return [];
  const problems: string[] = [];
  if (DEMO_API_SECRETS.includes(config.SHOPIFY_API_SECRET))
    problems.push("SHOPIFY_API_SECRET: is the demo's published value; set the app's own secret in production");
  if (decodeKey(config.FLOCK_ENCRYPTION_KEY)?.equals(DEMO_ENCRYPTION_KEY))
    problems.push("FLOCK_ENCRYPTION_KEY: is the demo's published key; generate 32 random bytes for production");
  if (config.FLOCK_CLOCK_OFFSET_MS !== undefined)
    problems.push("FLOCK_CLOCK_OFFSET_MS: moves the worker's clock for tests; production runs on the system clock");
  return problems;
}

/** Validates a raw environment; throws EnvError naming every bad key. */
export function parseEnv(raw: Record<string, string | undefined>): Env {
  const result = EnvSchema.safeParse(raw);
  if (result.success) {
    const problems = productionProblems(result.data);
    if (problems.length > 0) throw new EnvError(problems);
    return result.data;
  }
  const problems = result.error.issues.map((issue) => {
    const key = issue.path.join(".");
    const missing = raw[key] === undefined;
    return missing ? `${key}: missing` : `${key}: ${issue.message}`;
  });
  throw new EnvError(problems);
}

export function decodeKey(value: string): Buffer | null {
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, "hex");
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) {
    const buf = Buffer.from(value, "base64");
    if (buf.length === 32) return buf;
  }
  return null;
}

let cached: Env | undefined;

/** The worker's clock: the system's, moved by FLOCK_CLOCK_OFFSET_MS (tests only). */
export function clockOf(config: Pick<Env, "FLOCK_CLOCK_OFFSET_MS">): () => Date {
  const offset = config.FLOCK_CLOCK_OFFSET_MS ?? 0;
  return offset === 0 ? () => new Date() : () => new Date(Date.now() + offset);
}

/** The process environment, validated on first use. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Forgets the parsed environment so the next env() re-reads process.env (tests only). */
export function resetEnvCache(): void {
  cached = undefined;
}

/**
 * Only the database URL, for commands that touch nothing else (`flock segment …`): an operator
 * counting a segment should not need the app's Shopify credentials or encryption key.
 */
export function databaseUrlFromEnv(raw: Record<string, string | undefined> = process.env): string {
  const result = EnvSchema.pick({ DATABASE_URL: true }).safeParse(raw);
  if (result.success) return result.data.DATABASE_URL;
  throw new EnvError(result.error.issues.map((issue) => `DATABASE_URL: ${issue.message}`));
}
