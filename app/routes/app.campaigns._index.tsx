import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Card, EmptyState, IndexTable, Page, Text } from "@shopify/polaris";
import { requireAdmin } from "~/auth.server";
import { db } from "~/db.server";
import { listCampaigns } from "~/shop/lists.server";
import { pageTitle } from "~/components/page-title";

export const meta: MetaFunction = () => [{ title: pageTitle("Campaigns") }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  return { campaigns: await listCampaigns(db(), shop) };
};

export default function Campaigns() {
  const { campaigns } = useLoaderData<typeof loader>();
  return (
    <Page title="Campaigns">
      <Card padding="0">
        {campaigns.length === 0 ? (
          <EmptyState heading="No campaigns yet" image="">
            <p>A campaign sends one SMS or email to a segment, now or at a time you choose.</p>
          </EmptyState>
        ) : (
          <IndexTable itemCount={campaigns.length} selectable={false} headings={[{ title: "Name" }, { title: "Channel" }, { title: "Status" }]}>
            {campaigns.map((c, i) => (
              <IndexTable.Row id={c.id} key={c.id} position={i}>
                <IndexTable.Cell><Text as="span" fontWeight="semibold">{c.name}</Text></IndexTable.Cell>
                <IndexTable.Cell>{c.channel === "SMS" ? "SMS" : "Email"}</IndexTable.Cell>
                <IndexTable.Cell>{c.status}</IndexTable.Cell>
              </IndexTable.Row>
            ))}
          </IndexTable>
        )}
      </Card>
    </Page>
  );
}
