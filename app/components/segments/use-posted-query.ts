import { startTransition, useCallback, useEffect, useRef, useState } from "react";

/**
 * Posts fields to one of the editor's resource routes (count, preview) and keeps the latest
 * answer. The query travels in the body: a query as long as save takes (20,000 characters,
 * up to three times that percent-encoded) does not fit in a URL — Node answers request heads
 * over 16 KB with an empty 431. A plain fetch rather than a fetcher, because a fetcher's POST
 * revalidates every loader of the page, at each keystroke; App Bridge adds the session token
 * to same-origin fetches as it does to fetchers'. A newer request aborts the one in flight, so
 * an older answer never lands after a newer one. Updates are transitions, as a fetcher's are:
 * the first count lands while the page's deferred sections may still be hydrating.
 */
export function usePostedQuery<T>(action: string): {
  data: T | undefined;
  state: "idle" | "loading";
  submit: (fields: Record<string, string>) => void;
} {
  const [data, setData] = useState<T>();
  const [state, setState] = useState<"idle" | "loading">("idle");
  const inFlight = useRef<AbortController | null>(null);
  useEffect(() => () => inFlight.current?.abort(), []);
  const submit = useCallback(
    (fields: Record<string, string>) => {
      inFlight.current?.abort();
      const controller = new AbortController();
      inFlight.current = controller;
      startTransition(() => setState("loading"));
      fetch(action, { method: "POST", body: new URLSearchParams(fields), signal: controller.signal })
        // Count and preview answer JSON for bad queries too (400); anything else leaves no answer.
        .then(async (response) =>
          (response.headers.get("Content-Type") ?? "").includes("json") ? ((await response.json()) as T) : undefined,
        )
        .catch(() => undefined)
        .then((answer) => {
          if (controller.signal.aborted) return;
          startTransition(() => {
            setData(answer);
            setState("idle");
          });
        });
    },
    [action],
  );
  return { data, state, submit };
}
