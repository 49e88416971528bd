import { Card, IndexTable, Link, Pagination, Text } from "@shopify/polaris";
import type { MemberRow } from "~/segments/read-models/segment-rows";
import { CUSTOMER_HEADINGS, CustomerCells } from "../members-table";

export interface PreviewPage {
  rows: MemberRow[];
  page: number;
  hasNext: boolean;
}

/**
 * The first customers a draft query matches; `waiting` when the rule is valid and its first page
 * is on its way (never "once the rule is valid" for a rule that is).
 *  each name opens that customer's page (segments and explanations). */
export function PreviewTable({
  preview,
  loading,
  waiting,
  onPage,
}: {
  preview: PreviewPage | undefined;
  loading: boolean;
  waiting: boolean;
  onPage: (page: number) => void;
}) {
  const rows = preview?.rows ?? [];
  const page = preview?.page ?? 1;
  return (
    <Card padding="0">
      <IndexTable
        resourceName={{ singular: "customer", plural: "customers" }}
        itemCount={rows.length}
        selectable={false}
        loading={loading}
        emptyState={
          <Text as="p" alignment="center" tone="subdued">
            {preview
              ? "No customers match this rule."
              : waiting
                ? "Loading the matching customers…"
                : "The preview shows once the rule is valid."}
          </Text>
        }
        headings={[...CUSTOMER_HEADINGS]}
      >
        {rows.map((m, i) => (
          <IndexTable.Row id={`preview-${m.id}`} key={m.id} position={i}>
            <IndexTable.Cell>
              <Link url={`/app/customers/${m.id}`} dataPrimaryLink accessibilityLabel={`Open ${m.name}`}>
                {m.name}
              </Link>
            </IndexTable.Cell>
            <CustomerCells row={m} />
          </IndexTable.Row>
        ))}
      </IndexTable>
      <div id="segment-preview-pagination" style={{ display: "flex", justifyContent: "center", padding: "var(--p-space-300)" }}>
        <Pagination
          hasPrevious={page > 1}
          onPrevious={() => onPage(page - 1)}
          hasNext={preview?.hasNext ?? false}
          onNext={() => onPage(page + 1)}
          label={`Page ${page}`}
        />
      </div>
    </Card>
  );
}
