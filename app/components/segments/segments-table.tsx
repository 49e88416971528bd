import { Badge, IndexTable, Link, Text } from "@shopify/polaris";
import type { SegmentListRow } from "~/segments/read-models/segment-rows";
import { formatCount, formatDay, formatShare } from "./format";

/** The segments index: one row per segment, the name links to its page. */
export function SegmentsTable({
  rows,
  totalCustomers,
  templateNames,
}: {
  rows: SegmentListRow[];
  totalCustomers: number;
  templateNames: Record<string, string>;
}) {
  return (
    <IndexTable
      resourceName={{ singular: "segment", plural: "segments" }}
      itemCount={rows.length}
      selectable={false}
      headings={[
        { title: "Name" },
        { title: "Type" },
        { title: "Members", alignment: "end" },
        { title: "% of customers", alignment: "end" },
        { title: "Last updated" },
        { title: "Origin" },
      ]}
    >
      {rows.map((s, i) => (
        <IndexTable.Row id={s.id} key={s.id} position={i}>
          <IndexTable.Cell>
            <Link url={`/app/segments/${s.id}`} removeUnderline dataPrimaryLink>
              <Text as="span" fontWeight="semibold">
                {s.name}
              </Text>
            </Link>
          </IndexTable.Cell>
          <IndexTable.Cell>{s.kind === "DYNAMIC" ? <Badge tone="info">Dynamic</Badge> : <Badge>Static</Badge>}</IndexTable.Cell>
          <IndexTable.Cell>
            <Text as="span" alignment="end" numeric>
              {s.evaluatingSince ? "Evaluating…" : formatCount(s.memberCount)}
            </Text>
          </IndexTable.Cell>
          <IndexTable.Cell>
            <Text as="span" alignment="end" numeric>
              {s.evaluatingSince ? "—" : formatShare(s.memberCount, totalCustomers)}
            </Text>
          </IndexTable.Cell>
          <IndexTable.Cell>{formatDay(s.updatedAt)}</IndexTable.Cell>
          <IndexTable.Cell>{s.origin ? `Template: ${templateNames[s.origin] ?? s.origin}` : "Custom"}</IndexTable.Cell>
        </IndexTable.Row>
      ))}
    </IndexTable>
  );
}
