import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Card, Page, Text } from "@shopify/polaris";
import { requireAdmin } from "~/auth.server";
import { db } from "~/db.server";
import { getStoreOverview } from "~/shop/overview.server";
import { pageTitle } from "~/components/page-title";

export const meta: MetaFunction = () => [{ title: pageTitle("Settings") }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  return getStoreOverview(db(), shop);
};

export default function Settings() {
  const shop = useLoaderData<typeof loader>();
  return (
    <Page title="Settings">
      <Card>
        <BlockStack gap="200">
          <Text as="h2" variant="headingMd">Store</Text>
          <Text as="p">Name: {shop.name}</Text>
          <Text as="p">Domain: {shop.shop}</Text>
          <Text as="p">Time zone: {shop.ianaTimezone} (segment dates are whole days in this zone)</Text>
          <Text as="p">Currency: {shop.currency}</Text>
        </BlockStack>
      </Card>
    </Page>
  );
}
