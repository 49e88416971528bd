// Every page names itself in the browser tab: a route module that renders a page (default
// export) exports `meta` with a title built by pageTitle.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { pageTitle } from "./page-title";

const ROUTES = join(import.meta.dirname, "..", "routes");

function routeModules(): string[] {
  return readdirSync(ROUTES).flatMap((name) => {
    const path = join(ROUTES, name);
    if (statSync(path).isDirectory()) return [join(path, "route.tsx")];
    return /\.test\.tsx?$/.test(name) ? [] : [path];
  });
}

describe("page titles", () => {
  it("puts the page first and the app last", () => {
    expect(pageTitle("Segments")).toBe("Segments · Flock");
    expect(pageTitle("New segment", "Segments")).toBe("New segment · Segments · Flock");
    expect(pageTitle()).toBe("Flock");
  });

  // Layouts (an <Outlet />) leave the title to the page inside them.
  const pages = routeModules().filter(
    (path) => /export default/.test(readFileSync(path, "utf8")) && !/<Outlet/.test(readFileSync(path, "utf8")),
  );
  it.each(pages.map((path) => ({ route: path.slice(ROUTES.length + 1) })))("$route has a document title", ({ route }) => {
    const source = readFileSync(join(ROUTES, route), "utf8");
    expect(source).toMatch(/export const meta: MetaFunction(<typeof loader>)? = [^;]*title:\s*[^;]*pageTitle\(/);
  });

  it("the root gives pages without their own a title", () => {
    expect(readFileSync(join(ROUTES, "..", "root.tsx"), "utf8")).toMatch(
      /export const meta: MetaFunction = \(\) => \[\{ title: pageTitle\(\) \}\]/,
    );
  });
});
