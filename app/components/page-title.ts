/** A document title: the page's own name first (what a browser tab shows), then the app. */
export function pageTitle(...parts: string[]): string {
  return [...parts.filter((p) => p.trim() !== ""), "Flock"].join(" · ");
}
