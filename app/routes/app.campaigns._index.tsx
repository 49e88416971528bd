import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { Badge, BlockStack, Button, Card, EmptyState, IndexTable, Page, Text } from "@shopify/polaris";
import { requireAdmin } from "~/auth.server";
import { db } from "~/db/db.server";
import { listCampaignRows } from "~/campaigns/campaign-store.server";
import { settleFinishedCampaigns } from "~/campaigns/progress.server";
import { STATUS_BADGES } from "~/campaigns/ui/status-view";
import { formatCount } from "~/campaigns/ui/types";
import { pageTitle } from "~/components/page-title";

export const meta: MetaFunction = () => [{ title: pageTitle("Campaigns") }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  await settleFinishedCampaigns(db(), shop, new Date());
  return { campaigns: await listCampaignRows(db(), shop) };
};

function CreateButton({ primary }: { primary?: boolean }) {
  const navigation = useNavigation();
  return (
    <Form method="post" action="/app/campaigns/new">
      <Button submit variant={primary ? "primary" : undefined} loading={navigation.formAction === "/app/campaigns/new"}>
        Create campaign
      </Button>
    </Form>
  );
}

export default function Campaigns() {
  const { campaigns } = useLoaderData<typeof loader>();
  return (
    <Page title="Campaigns" primaryAction={campaigns.length > 0 ? <CreateButton primary /> : undefined}>
      <Card padding="0">
        {campaigns.length === 0 ? (
          <EmptyState heading="No campaigns yet" image="" action={undefined}>
            <BlockStack gap="300" inlineAlign="center">
              <p>
                A campaign sends one SMS or email to your segments, now, at a time you choose, or at the same local time for each customer.
              </p>
              <CreateButton primary />
            </BlockStack>
          </EmptyState>
        ) : (
          <IndexTable
            itemCount={campaigns.length}
            selectable={false}
            headings={[{ title: "Name" }, { title: "Channel" }, { title: "Status" }, { title: "Messages" }]}
          >
            {campaigns.map((c, i) => {
              const badge = c.notSentReason
                ? { label: "Not sent", tone: "critical" as const }
                : (STATUS_BADGES[c.status] ?? { label: c.status });
              return (
                <IndexTable.Row id={c.id} key={c.id} position={i}>
                  <IndexTable.Cell>
                    <Link to={`/app/campaigns/${c.id}`}>
                      <Text as="span" fontWeight="semibold">
                        {c.name || "Untitled campaign"}
                      </Text>
                    </Link>
                  </IndexTable.Cell>
                  <IndexTable.Cell>{c.channel === "SMS" ? "SMS" : "Email"}</IndexTable.Cell>
                  <IndexTable.Cell>
                    <Badge {...("tone" in badge && badge.tone ? { tone: badge.tone } : {})}>{badge.label}</Badge>
                  </IndexTable.Cell>
                  <IndexTable.Cell>{c.enqueuedCount > 0 ? formatCount(c.enqueuedCount) : "—"}</IndexTable.Cell>
                </IndexTable.Row>
              );
            })}
          </IndexTable>
        )}
      </Card>
    </Page>
  );
}
