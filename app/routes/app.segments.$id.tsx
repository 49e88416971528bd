import { data, defer, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Await, useActionData, useLoaderData } from "@remix-run/react";
import { BlockStack, Card, Layout, Page, SkeletonBodyText, Text } from "@shopify/polaris";
import { Suspense } from "react";
import { z } from "zod";
import { requireAdmin } from "~/auth.server";
import { ExportCsvButton } from "~/components/segments/export-button";
import { formatCount, formatShare } from "~/components/segments/format";
import { MembersTable } from "~/components/segments/members-table";
import { MembershipHistoryCard } from "~/components/segments/history/membership-history-card";
import { SegmentEditor } from "~/components/segments/segment-editor";
import { SegmentMembersHeading, StoreImportBanner } from "~/components/sync-state-banner";
import { db } from "~/db.server";
import { parseHistoryRange } from "~/segments/membership-history";
import { membershipHistory } from "~/segments/membership-history.server";
import { formProblem, saveProblem, saveSegmentFromEditor, SegmentForm, segmentDeps, segmentWithMembers } from "~/segments/segment-queries.server";
import { loadStoreImportState } from "~/shopify/sync/import-state.server";
import vizStyles from "@shopify/polaris-viz/build/esm/styles.css?url";

const PageParam = z.coerce.number().int().min(1).max(100_000).catch(1);

export const links = () => [{ rel: "stylesheet", href: vizStyles }];

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const search = new URL(request.url).searchParams;
  const page = PageParam.parse(search.get("page") ?? 1);
  const [found, importing] = await Promise.all([segmentWithMembers(db(), shop, params.id ?? "", page), loadStoreImportState(db(), shop, new Date())]);
  if (!found) throw new Response("Segment not found", { status: 404 });
  // Streamed after the page: a million-member segment's history takes a second or two.
  const history = membershipHistory(db(), shop, found.segment.id, parseHistoryRange(search.get("days")), new Date());
  return defer({ ...found, importing, history });
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const form = SegmentForm.safeParse(Object.fromEntries(await request.formData()));
  if (!form.success) return data(formProblem(form.error), { status: 400 });
  const result = await saveSegmentFromEditor(segmentDeps(), shop, { ...form.data, id: params.id ?? "" }, new Date());
  if (result.ok) return redirect(`/app/segments/${result.segment.id}`);
  const { status, problem } = saveProblem(result);
  return data(problem, { status });
};

export default function SegmentDetail() {
  const { segment, members, page, hasNext, totalCustomers, importing, history } = useLoaderData<typeof loader>();
  const problem = useActionData<typeof action>();
  return (
    <Page title={segment.name} backAction={{ content: "Segments", url: "/app/segments" }} secondaryActions={<ExportCsvButton segmentId={segment.id} />}>
      <Layout>
        {importing ? (
          <Layout.Section>
            <StoreImportBanner state={importing} />
          </Layout.Section>
        ) : null}
        <Layout.Section>
          {segment.kind === "DYNAMIC" ? (
            // Keyed on the stored definition (not updatedAt, which membership refreshes move):
            // after a save the editor shows the canonical query, a failed save keeps the draft.
            <SegmentEditor key={`${segment.name}\n${segment.query ?? ""}`} initial={{ name: segment.name, query: segment.query ?? "" }} problem={problem} />
          ) : (
            <Card><Text as="p">Static list imported from a CSV; its members do not change by themselves.</Text></Card>
          )}
        </Layout.Section>
        <Layout.Section>
          <Suspense fallback={<Card><SkeletonBodyText lines={6} /></Card>}>
            <Await resolve={history} errorElement={<Card><Text as="p" tone="critical">The membership history could not be loaded.</Text></Card>}>
              {(loaded) => (loaded ? <MembershipHistoryCard history={loaded} /> : null)}
            </Await>
          </Suspense>
        </Layout.Section>
        <Layout.Section>
          <BlockStack gap="300">
            <SegmentMembersHeading
              evaluating={segment.evaluatingSince !== null}
              members={`Members: ${formatCount(segment.memberCount)} (${formatShare(segment.memberCount, totalCustomers)} of all customers)`}
            />
            <MembersTable segmentId={segment.id} members={members} page={page} hasNext={hasNext} />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
