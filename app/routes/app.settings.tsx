import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Button, Card, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import { requireAdmin } from "~/auth.server";
import { BrandSettingsCard, EmailSettingsCard, SmsSettingsCard } from "~/components/channel-settings-forms";
import { DataRequestsCard } from "~/components/data-requests-card";
import { db } from "~/db/db.server";
import { messagingDeps } from "~/messaging/settings/deps.server";
import { submitSettingsForm } from "~/messaging/settings/settings-form.server";
import { getChannelSettingsView } from "~/messaging/settings/settings.server";
import { dataRequestViews } from "~/privacy/data-request-list";
import { listDataRequests } from "~/privacy/data-request.server";
import { getStoreOverview } from "~/shop/overview.server";
import { pageTitle } from "~/components/page-title";

export const meta: MetaFunction = () => [{ title: pageTitle("Settings") }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const [store, channels, requests] = await Promise.all([
    getStoreOverview(db(), shop),
    getChannelSettingsView(db(), shop, messagingDeps().key),
    listDataRequests(db(), shop),
  ]);
  return { store, channels, dataRequests: dataRequestViews(requests, store.ianaTimezone, new Date()) };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const fields = Object.fromEntries([...(await request.formData())].map(([name, value]) => [name, String(value)]));
  return submitSettingsForm(messagingDeps(), shop, fields);
};

export default function Settings() {
  const { store: shop, channels, dataRequests } = useLoaderData<typeof loader>();
  return (
    <Page title="Settings">
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Store
                </Text>
                <Text as="p">Name: {shop.name}</Text>
                <Text as="p">Domain: {shop.shop}</Text>
                <Text as="p">Time zone: {shop.ianaTimezone} (segment dates are whole days in this zone)</Text>
                <Text as="p">Currency: {shop.currency}</Text>
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Sending rules
                </Text>
                <Text as="p">
                  When texts and emails may go out, how many each person gets, and how long after a message an order counts as brought by
                  it.
                </Text>
                <InlineStack>
                  <Button url="/app/settings/sending">Edit sending rules</Button>
                </InlineStack>
              </BlockStack>
            </Card>
            <BrandSettingsCard brand={channels.brand} />
            <SmsSettingsCard sms={channels.sms} />
            <EmailSettingsCard email={channels.email} />
            <DataRequestsCard requests={dataRequests} />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
