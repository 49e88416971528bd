import { Button } from "@shopify/polaris";

/**
 * Downloads the segment's members as CSV. target=_blank keeps Remix's Link from handling the
 * click as a client-side navigation (the export is a resource route, not a page).
 */
export function ExportCsvButton({ segmentId }: { segmentId: string }) {
  return (
    <Button url={`/app/segments/${segmentId}/export.csv`} target="_blank" download>
      Export CSV
    </Button>
  );
}
