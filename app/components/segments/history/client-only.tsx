import { useEffect, useState, type ReactNode } from "react";

/**
 * Renders `children` only after hydration; the server and the first client render show
 * `fallback`. For browser-only widgets (Polaris Viz measures the DOM and animates).
 */
export function ClientOnly({ children, fallback }: { children: () => ReactNode; fallback: ReactNode }) {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return <>{mounted ? children() : fallback}</>;
}
