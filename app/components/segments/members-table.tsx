import { useSearchParams } from "@remix-run/react";
import { Card, IndexTable, Link, Pagination, Text } from "@shopify/polaris";
import type { MemberRow } from "~/segments/read-models/segment-rows";
import { formatDay } from "./format";

/** Columns every table of customers shows (members, live preview), after which a table may add its own. */
export const CUSTOMER_HEADINGS = [
  { title: "Name" },
  { title: "Email or phone" },
  { title: "Amount spent", alignment: "end" },
  { title: "Orders", alignment: "end" },
  { title: "Last order" },
] as const;

/** The cells after the name, in CUSTOMER_HEADINGS order. */
export function CustomerCells({ row }: { row: MemberRow }) {
  return (
    <>
      <IndexTable.Cell>{row.contact}</IndexTable.Cell>
      <IndexTable.Cell>
        <Text as="span" alignment="end" numeric>
          {row.amountSpent}
        </Text>
      </IndexTable.Cell>
      <IndexTable.Cell>
        <Text as="span" alignment="end" numeric>
          {row.orders}
        </Text>
      </IndexTable.Cell>
      <IndexTable.Cell>{formatDay(row.lastOrderAt)}</IndexTable.Cell>
    </>
  );
}

/** One page of a segment's members: each name opens the customer's page, "Explain" shows why they are in. */
export function MembersTable({
  segmentId,
  members,
  page,
  hasNext,
}: {
  segmentId: string;
  members: MemberRow[];
  page: number;
  hasNext: boolean;
}) {
  const [params] = useSearchParams();
  // Other parameters of the page (the history range) survive paging.
  const pageUrl = (n: number) => {
    const next = new URLSearchParams(params);
    // The save confirmation belongs to the save, not to every page after it.
    next.delete("saved");
    next.set("page", String(n));
    return `/app/segments/${segmentId}?${next.toString()}`;
  };
  return (
    <Card padding="0">
      <IndexTable
        resourceName={{ singular: "member", plural: "members" }}
        itemCount={members.length}
        selectable={false}
        emptyState={
          <Text as="p" alignment="center" tone="subdued">
            No customers match this segment.
          </Text>
        }
        headings={[...CUSTOMER_HEADINGS, { title: "Why" }]}
      >
        {members.map((m, i) => (
          <IndexTable.Row id={String(m.id)} key={m.id} position={i}>
            <IndexTable.Cell>
              <Link url={`/app/customers/${m.id}?segment=${encodeURIComponent(segmentId)}`}>{m.name}</Link>
            </IndexTable.Cell>
            <CustomerCells row={m} />
            <IndexTable.Cell>
              <Link url={`/app/segments/${segmentId}/explain/${m.id}`} accessibilityLabel={`Explain ${m.name}`}>
                Explain
              </Link>
            </IndexTable.Cell>
          </IndexTable.Row>
        ))}
      </IndexTable>
      <div style={{ display: "flex", justifyContent: "center", padding: "var(--p-space-300)" }}>
        <Pagination
          hasPrevious={page > 1}
          previousURL={pageUrl(page - 1)}
          hasNext={hasNext}
          nextURL={pageUrl(page + 1)}
          label={`Page ${page}`}
        />
      </div>
    </Card>
  );
}
