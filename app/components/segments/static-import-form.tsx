import { Form, useNavigation } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, DataTable, FormLayout, InlineStack, Layout, Link, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import type { ImportSummary } from "~/segments/static-lists/import-summary";
import { formatCount } from "./format";

export type StaticImportResult =
  { ok: true; name: string; summary: ImportSummary } | { ok: false; name: string; message: string } | undefined;

/** The upload form, and after a post the matched / unmatched / invalid report. A failed upload keeps the name. */
export function StaticImportForm({ result }: { result: StaticImportResult }) {
  const [name, setName] = useState(result && !result.ok ? result.name : "");
  const submitting = useNavigation().state === "submitting";
  return (
    <Layout>
      <Layout.Section>
        <Card>
          <Form method="post" encType="multipart/form-data">
            <FormLayout>
              {result && !result.ok ? (
                <Banner tone="critical" title="The list was not imported">
                  <p>{result.message}</p>
                </Banner>
              ) : null}
              <TextField label="Segment name" name="name" value={name} onChange={setName} autoComplete="off" />
              <BlockStack gap="100">
                <label htmlFor="static-import-csv">
                  <Text as="span">CSV file</Text>
                </label>
                <input id="static-import-csv" type="file" name="csv" accept=".csv,text/csv,text/plain" />
                <Text as="p" tone="subdued">
                  A UTF-8 CSV of up to 10 MB, one email address or phone number per line. A header row (email, phone, …) picks the columns
                  to read, so a segment export uploads as it is.
                </Text>
              </BlockStack>
              <Button submit variant="primary" loading={submitting}>
                Upload
              </Button>
            </FormLayout>
          </Form>
        </Card>
      </Layout.Section>
      {result?.ok ? (
        <Layout.Section>
          <ImportReport summary={result.summary} />
        </Layout.Section>
      ) : null}
    </Layout>
  );
}

function ImportReport({ summary }: { summary: ImportSummary }) {
  const { counts } = summary;
  return (
    <Card>
      <BlockStack gap="400">
        <InlineStack align="space-between">
          <Text as="h2" variant="headingMd">
            {summary.segment.name}: {formatCount(summary.segment.memberCount)} members
          </Text>
          <Link url={`/app/segments/${summary.segment.id}`}>View segment</Link>
        </InlineStack>
        <Text as="p" id="import-counts">
          {formatCount(counts.matched)} matched, {formatCount(counts.unmatched)} unmatched, {formatCount(counts.invalid)} invalid
        </Text>
        <ReportRows
          title="Matched"
          total={counts.matched}
          headings={["Line", "Contact"]}
          rows={summary.matched.map((r) => [r.row, r.value])}
        />
        <ReportRows
          title="No customer found"
          total={counts.unmatched}
          headings={["Line", "Contact"]}
          rows={summary.unmatched.map((r) => [r.row, r.value])}
        />
        <ReportRows
          title="Invalid"
          total={counts.invalid}
          headings={["Line", "Text", "Reason"]}
          rows={summary.invalid.map((r) => [r.row, r.text, r.reason])}
        />
      </BlockStack>
    </Card>
  );
}

function ReportRows({ title, total, headings, rows }: { title: string; total: number; headings: string[]; rows: (string | number)[][] }) {
  if (total === 0) return null;
  return (
    <BlockStack gap="200">
      <Text as="h3" variant="headingSm">
        {title} ({total > rows.length ? `first ${rows.length} of ${formatCount(total)}` : formatCount(total)})
      </Text>
      <DataTable columnContentTypes={headings.map(() => "text")} headings={headings} rows={rows} />
    </BlockStack>
  );
}
