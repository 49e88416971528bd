import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { Banner, BlockStack, Card, EmptyState, Layout, Page, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { requireAdmin } from "~/auth.server";
import { SegmentsTable } from "~/components/segments/segments-table";
import { TemplateList } from "~/components/segments/template-list";
import { StoreImportBanner } from "~/components/sync-state-banner";
import { db } from "~/db/db.server";
import { listSegmentsOverview } from "~/segments/read-models/segment-queries.server";
import { loadStoreImportState } from "~/shopify/sync/import-state.server";
import { pageTitle } from "~/components/page-title";

export const meta: MetaFunction = () => [{ title: pageTitle("Segments") }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const [overview, importing] = await Promise.all([listSegmentsOverview(db(), shop), loadStoreImportState(db(), shop, new Date())]);
  return { ...overview, importing };
};

export default function Segments() {
  const { rows, totalCustomers, templates, importing } = useLoaderData<typeof loader>();
  const [search, setSearch] = useState("");
  // Set by the delete action's redirect, so the confirmation survives the navigation.
  const [params, setParams] = useSearchParams();
  const deleted = params.get("deleted");
  const needle = search.trim().toLowerCase();
  const shown = needle ? rows.filter((r) => r.name.toLowerCase().includes(needle)) : rows;
  const templateNames = Object.fromEntries(templates.map((t) => [t.key, t.name]));
  return (
    <Page
      title="Segments"
      primaryAction={{ content: "Create segment", url: "/app/segments/new" }}
      secondaryActions={[{ content: "Upload a list", url: "/app/segments/import" }]}
    >
      <Layout>
        {importing ? (
          <Layout.Section>
            <StoreImportBanner state={importing} />
          </Layout.Section>
        ) : null}
        {deleted ? (
          <Layout.Section>
            <Banner tone="success" onDismiss={() => setParams({}, { replace: true })}>
              <p id="segment-deleted">Segment “{deleted}” deleted.</p>
            </Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <Card padding="0">
            {rows.length === 0 ? (
              <EmptyState heading="No segments yet" image="">
                <p>
                  Segments group customers by what they did: spent, ordered, abandoned a checkout, subscribed. Start from a template below.
                </p>
              </EmptyState>
            ) : (
              <BlockStack>
                <div style={{ padding: "var(--p-space-300)" }}>
                  <TextField
                    label="Search segments"
                    labelHidden
                    placeholder="Search by name"
                    value={search}
                    onChange={setSearch}
                    autoComplete="off"
                    clearButton
                    onClearButtonClick={() => setSearch("")}
                  />
                </div>
                <SegmentsTable rows={shown} totalCustomers={totalCustomers} templateNames={templateNames} />
              </BlockStack>
            )}
          </Card>
        </Layout.Section>
        <Layout.Section>
          <BlockStack gap="300">
            <Text as="h2" variant="headingMd">
              Start from a template
            </Text>
            <TemplateList templates={templates} />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
