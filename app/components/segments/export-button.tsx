import { useFetcher } from "@remix-run/react";
import { Button, InlineStack, Text } from "@shopify/polaris";
import { useEffect, useRef } from "react";

/** What POST /app/segments/:id/export-token (and /app/campaigns/:id/export-token) answers. */
type ExportLink = { ok: true; url: string; expiresAt: string } | { ok: false; message: string };

/**
 * Downloads the segment's members as CSV. Inside the Shopify admin a plain navigation has no
 * session token, so the button first asks an authenticated action (App Bridge adds the token
 * to the fetch) for a single-use link valid for two minutes, then opens it; the attachment
 * downloads without leaving the page.
 */
export function ExportCsvButton({ segmentId }: { segmentId: string }) {
  return <DownloadLinkButton tokenAction={`/app/segments/${segmentId}/export-token`} label="Export CSV" />;
}

/** The same for any export with a token action (a campaign's recipients). */
export function DownloadLinkButton({ tokenAction, label }: { tokenAction: string; label: string }) {
  const fetcher = useFetcher<ExportLink>();
  const opened = useRef<string | null>(null);
  const url = fetcher.data?.ok ? fetcher.data.url : undefined;
  const problem = fetcher.data?.ok === false ? fetcher.data.message : null;

  useEffect(() => {
    if (fetcher.state !== "idle" || !url || opened.current === url) return;
    opened.current = url;
    window.location.assign(url);
  }, [fetcher.state, url]);

  return (
    <InlineStack gap="200" blockAlign="center">
      {problem && fetcher.state === "idle" ? (
        <Text as="span" tone="critical" id="export-csv-error">
          {problem}
        </Text>
      ) : null}
      <Button loading={fetcher.state !== "idle"} onClick={() => fetcher.submit(null, { method: "post", action: tokenAction })}>
        {label}
      </Button>
    </InlineStack>
  );
}
