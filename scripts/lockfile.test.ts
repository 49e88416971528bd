// `npm install` must leave package-lock.json as committed. npm 11 writes a lockfile with only the
// installing machine's optional native builds when it starts from one that lacks them, and then
// `npm ci` on another platform fails; the committed lockfile holds every platform's builds.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

interface LockEntry {
  optional?: boolean;
  os?: string[];
}
const lock = JSON.parse(readFileSync("package-lock.json", "utf8")) as { packages: Record<string, LockEntry> };

describe("package-lock.json", () => {
  it("holds the optional native builds of every platform npm resolves, not only this machine's", () => {
    // GIVEN the platform-specific optional packages, of the two bundlers that ship one package per platform (@esbuild, @rollup)
    const families = new Map<string, Set<string>>();
    for (const [path, entry] of Object.entries(lock.packages)) {
      if (!entry.optional || !entry.os) continue;
      const family = path.replace(/[^/]+$/, "");
      if (!family.endsWith("/@esbuild/") && !family.endsWith("/@rollup/")) continue; // fsevents and the like are one platform's by design
      const systems = families.get(family) ?? new Set<string>();
      for (const os of entry.os) systems.add(os);
      families.set(family, systems);
    }
    // THEN each family that ships native builds has them for Linux, macOS and Windows
    const incomplete = [...families].filter(([, systems]) => !["linux", "darwin", "win32"].every((os) => systems.has(os)));
    expect(families.size).toBeGreaterThan(0);
    expect(incomplete.map(([family, systems]) => `${family}: ${[...systems].join(", ")}`)).toEqual([]);
  });
});
