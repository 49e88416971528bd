// `npm start` and `npm run worker` read `.env` from the working directory, as .env.example
// promises. Imported first by server.ts and worker-main.ts, before anything reads the
// environment. Variables already set (by the process manager, or a test) win over the file
// (Node's loadEnvFile never overrides them); a missing file is fine: production may pass
// everything in the environment. Tests never read a developer's `.env`.
import { existsSync } from "node:fs";
import { resolve } from "node:path";

const file = resolve(process.cwd(), ".env");
// eslint-disable-next-line no-restricted-properties -- runs before env.server.ts parses the environment, so that it sees the file's values
if (process.env.NODE_ENV !== "test" && existsSync(file)) process.loadEnvFile(file);
