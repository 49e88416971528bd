#!/usr/bin/env node
// The `flock` command. Its subcommands are TypeScript modules, run through tsx's loader.
import { register } from "tsx/esm/api";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

register();
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { main } = await import(pathToFileURL(join(root, "app/cli/main.ts")).href);
process.exitCode = await main(process.argv.slice(2));
