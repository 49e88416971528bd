import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Card, InlineGrid, Layout, Link, Page, Text } from "@shopify/polaris";
import { requireAdmin } from "~/auth.server";
import { NAV_ITEMS } from "~/components/sandbox-frame";
import { GettingStartedCard } from "~/components/getting-started-card";
import { SyncProgressCard } from "~/components/sync-progress";
import { db } from "~/db/db.server";
import { gettingStartedSteps } from "~/shop/getting-started";
import { getStoreOverview } from "~/shop/overview.server";
import { loadSyncProgress } from "~/shopify/sync/progress.server";
import { pageTitle } from "~/components/page-title";

export const meta: MetaFunction = () => [{ title: pageTitle("Home") }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const [overview, sync] = await Promise.all([getStoreOverview(db(), shop), loadSyncProgress(db(), shop, new Date())]);
  return { ...overview, sync, steps: gettingStartedSteps({ ...overview, sync }) };
};

const numberFormat = new Intl.NumberFormat("en-US");

export default function Home() {
  const overview = useLoaderData<typeof loader>();
  const stats = [
    { label: "Customers", value: overview.customers },
    { label: "Orders", value: overview.orders },
    { label: "SMS subscribers", value: overview.smsSubscribers },
    { label: "Email subscribers", value: overview.emailSubscribers },
  ];
  return (
    <Page title={overview.name} subtitle={`${overview.shop} · ${overview.currency} · ${overview.ianaTimezone}`}>
      <Layout>
        <Layout.Section>
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                Welcome to Flock
              </Text>
              <Text as="p" id="flock-intro">
                Flock groups your customers into segments by what they do — what they spent, when they last ordered, what they bought, which
                checkout they abandoned, what they agreed to receive — and keeps those segments up to date as your store changes. Campaigns
                send one SMS or email to your segments, now, later or at each customer's local time.
              </Text>
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <GettingStartedCard steps={overview.steps} />
        </Layout.Section>
        <Layout.Section>
          <InlineGrid columns={{ xs: 1, sm: 2, md: 4 }} gap="400">
            {stats.map((stat) => (
              <Card key={stat.label}>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingSm" tone="subdued">
                    {stat.label}
                  </Text>
                  <Text as="p" variant="heading2xl" id={`stat-${stat.label.toLowerCase().replace(/ /g, "-")}`}>
                    {numberFormat.format(stat.value)}
                  </Text>
                </BlockStack>
              </Card>
            ))}
          </InlineGrid>
        </Layout.Section>
        <Layout.Section>
          <SyncProgressCard rows={overview.sync} stored={overview.records} />
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                Reach your customers
              </Text>
              <InlineGrid columns={{ xs: 1, md: 4 }} gap="300">
                {NAV_ITEMS.filter((item) => item.url !== "/app").map((item) => (
                  <Link key={item.url} url={item.url}>
                    {item.label}
                  </Link>
                ))}
              </InlineGrid>
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
