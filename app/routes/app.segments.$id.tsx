import { data, defer, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Await, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { Banner, BlockStack, Card, InlineStack, Layout, Page, SkeletonBodyText, Spinner, Text } from "@shopify/polaris";
import { Suspense } from "react";
import { z } from "zod";
import { requireAdmin } from "~/auth.server";
import { DeleteSegmentButton } from "~/components/segments/delete-segment-button";
import { ExportCsvButton } from "~/components/segments/export-button";
import { formatCount, formatShare } from "~/components/segments/format";
import { MembersTable } from "~/components/segments/members-table";
import { MembershipHistoryCard } from "~/components/segments/history/membership-history-card";
import { SegmentEditor } from "~/components/segments/segment-editor";
import { SegmentMembersHeading, StoreImportBanner } from "~/components/sync-state-banner";
import { db } from "~/db/db.server";
import { deleteSegment } from "~/segments/delete-segment.server";
import { parseHistoryRange } from "~/segments/membership/membership-history";
import { membershipHistory } from "~/segments/membership/membership-history.server";
import {
  formProblem,
  saveProblem,
  saveSegmentFromEditor,
  SegmentForm,
  segmentDeps,
  segmentWithMembers,
} from "~/segments/read-models/segment-queries.server";
import { loadStoreImportState } from "~/shopify/sync/import-state.server";
import vizStyles from "@shopify/polaris-viz/build/esm/styles.css?url";
import { pageTitle } from "~/components/page-title";

const PageParam = z.coerce.number().int().min(1).max(100_000).catch(1);

export const links = () => [{ rel: "stylesheet", href: vizStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data?.segment.name ?? "Segment not found", "Segments") },
];

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const search = new URL(request.url).searchParams;
  const page = PageParam.parse(search.get("page") ?? 1);
  const [found, importing] = await Promise.all([
    segmentWithMembers(db(), shop, params.id ?? "", page),
    loadStoreImportState(db(), shop, new Date()),
  ]);
  if (!found) throw new Response("Segment not found", { status: 404 });
  // Streamed after the page: a million-member segment's history takes a second or two.
  const history = membershipHistory(db(), shop, found.segment.id, parseHistoryRange(search.get("days")), new Date());
  return defer({ ...found, importing, history });
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const fields = Object.fromEntries(await request.formData());
  if (fields.intent === "delete") {
    const deleted = await deleteSegment(segmentDeps(), shop, params.id ?? "", new Date());
    if (deleted.ok) return redirect(`/app/segments?deleted=${encodeURIComponent(deleted.name)}`);
    // 200: the page shows why; a 4xx would read as a failed request in the browser's console.
    return data({ ok: false as const, intent: "delete" as const, message: deleted.message });
  }
  const form = SegmentForm.safeParse(fields);
  if (!form.success) return data(formProblem(form.error), { status: 400 });
  const result = await saveSegmentFromEditor(segmentDeps(), shop, { ...form.data, id: params.id ?? "" }, new Date());
  if (result.ok) return redirect(`/app/segments/${result.segment.id}?saved=1`);
  const { status, problem } = saveProblem(result);
  return data(problem, { status });
};
export default function SegmentDetail() {
  const { segment, members, page, hasNext, totalCustomers, importing, history } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const saving = navigation.state !== "idle" && navigation.formData !== undefined && navigation.formData.get("intent") !== "delete";
  // Set by the save's redirect: the members and history below are already the new rule's.
  const [params, setParams] = useSearchParams();
  const saved = params.get("saved") === "1" && !saving;
  const dismissSaved = () => {
    const next = new URLSearchParams(params);
    next.delete("saved");
    setParams(next, { replace: true, preventScrollReset: true });
  };
  const deleteProblem = answer && "intent" in answer ? answer.message : undefined;
  const problem = answer && !("intent" in answer) ? answer : undefined;
  const actions = (
    <InlineStack gap="200">
      <ExportCsvButton segmentId={segment.id} />
      <DeleteSegmentButton name={segment.name} memberCount={segment.memberCount} />
    </InlineStack>
  );
  return (
    <Page title={segment.name} backAction={{ content: "Segments", url: "/app/segments" }} secondaryActions={actions}>
      <Layout>
        {importing ? (
          <Layout.Section>
            <StoreImportBanner state={importing} />
          </Layout.Section>
        ) : null}
        {saved ? (
          <Layout.Section>
            <Banner tone="success" onDismiss={dismissSaved}>
              <p id="segment-saved">
                Saved. {formatCount(segment.memberCount)} {segment.memberCount === 1 ? "customer matches" : "customers match"} the rule now.
              </p>
            </Banner>
          </Layout.Section>
        ) : null}
        {deleteProblem ? (
          <Layout.Section>
            <Banner tone="critical" title="The segment was not deleted">
              <p id="segment-delete-error">{deleteProblem}</p>
            </Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          {segment.kind === "DYNAMIC" ? (
            // Keyed on the stored definition (not updatedAt, which membership refreshes move):
            // after a save the editor shows the canonical query, a failed save keeps the draft.
            <SegmentEditor
              key={`${segment.name}\n${segment.query ?? ""}`}
              initial={{ name: segment.name, query: segment.query ?? "" }}
              problem={problem}
              savedQuery={segment.query ?? ""}
            />
          ) : (
            <Card>
              <Text as="p">Static list imported from a CSV; its members do not change by themselves.</Text>
            </Card>
          )}
        </Layout.Section>
        <Layout.Section>
          <Suspense
            fallback={
              <Card>
                <SkeletonBodyText lines={6} />
              </Card>
            }
          >
            <Await
              resolve={history}
              errorElement={
                <Card>
                  <Text as="p" tone="critical">
                    The membership history could not be loaded.
                  </Text>
                </Card>
              }
            >
              {(loaded) => (loaded ? <MembershipHistoryCard history={loaded} /> : null)}
            </Await>
          </Suspense>
        </Layout.Section>
        <Layout.Section>
          <BlockStack gap="300">
            <InlineStack gap="200" blockAlign="center">
              <SegmentMembersHeading
                evaluating={segment.evaluatingSince !== null}
                members={`Members: ${formatCount(segment.memberCount)} (${formatShare(segment.memberCount, totalCustomers)} of all customers)`}
              />
              {saving ? (
                <InlineStack gap="100" blockAlign="center">
                  <Spinner size="small" accessibilityLabel="Saving" />
                  <Text as="span" tone="subdued" id="segment-saving">
                    Saving — the members update when the new rule has been evaluated
                  </Text>
                </InlineStack>
              ) : null}
            </InlineStack>
            <MembersTable segmentId={segment.id} members={members} page={page} hasNext={hasNext} />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
