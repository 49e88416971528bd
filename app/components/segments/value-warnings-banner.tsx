import { Banner, List } from "@shopify/polaris";

/** Values in the query that match nothing in the store, from the live count (see app/segments/read-models/value-warnings.ts). */
export function ValueWarningsBanner({ warnings }: { warnings: readonly { message: string }[] | undefined }) {
  if (!warnings || warnings.length === 0) return null;
  return (
    <div id="segment-value-warnings">
      <Banner
        tone="warning"
        title={warnings.length === 1 ? "A value matches nothing in this store" : `${warnings.length} values match nothing in this store`}
      >
        <List>
          {warnings.map((w) => (
            <List.Item key={w.message}>{w.message}</List.Item>
          ))}
        </List>
      </Banner>
    </div>
  );
}
