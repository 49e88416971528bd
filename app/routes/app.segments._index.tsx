import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Card, EmptyState, IndexTable, Page, Text } from "@shopify/polaris";
import { requireAdmin } from "~/auth.server";
import { db } from "~/db.server";
import { listSegments } from "~/shop/lists.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  return { segments: await listSegments(db(), shop) };
};

export default function Segments() {
  const { segments } = useLoaderData<typeof loader>();
  return (
    <Page title="Segments">
      <Card padding="0">
        {segments.length === 0 ? (
          <EmptyState heading="No segments yet" image="">
            <p>Segments group customers by what they did: spent, ordered, abandoned a checkout, subscribed.</p>
          </EmptyState>
        ) : (
          <IndexTable itemCount={segments.length} selectable={false} headings={[{ title: "Name" }, { title: "Type" }, { title: "Members" }]}>
            {segments.map((s, i) => (
              <IndexTable.Row id={s.id} key={s.id} position={i}>
                <IndexTable.Cell><Text as="span" fontWeight="semibold">{s.name}</Text></IndexTable.Cell>
                <IndexTable.Cell>{s.kind === "DYNAMIC" ? "Dynamic" : "Static"}</IndexTable.Cell>
                <IndexTable.Cell>{s.memberCount}</IndexTable.Cell>
              </IndexTable.Row>
            ))}
          </IndexTable>
        )}
      </Card>
    </Page>
  );
}
