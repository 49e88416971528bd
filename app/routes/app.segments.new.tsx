import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Page } from "@shopify/polaris";
import { requireAdmin } from "~/auth.server";
import { SegmentEditor } from "~/components/segments/segment-editor";
import { db } from "~/db/db.server";
import {
  newSegmentDraft,
  formProblem,
  saveProblem,
  saveSegmentFromEditor,
  SegmentForm,
  segmentDeps,
} from "~/segments/read-models/segment-queries.server";
import { pageTitle } from "~/components/page-title";

export const meta: MetaFunction = () => [{ title: pageTitle("New segment", "Segments") }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const template = new URL(request.url).searchParams.get("template") ?? undefined;
  return newSegmentDraft(db(), shop, template);
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const form = SegmentForm.safeParse(Object.fromEntries(await request.formData()));
  if (!form.success) return data(formProblem(form.error), { status: 400 });
  const result = await saveSegmentFromEditor(segmentDeps(), shop, form.data, new Date());
  if (result.ok) return redirect(`/app/segments/${result.segment.id}?saved=1`);
  const { status, problem } = saveProblem(result);
  return data(problem, { status });
};

export default function NewSegment() {
  const draft = useLoaderData<typeof loader>();
  const problem = useActionData<typeof action>();
  return (
    <Page title="New segment" backAction={{ content: "Segments", url: "/app/segments" }}>
      <SegmentEditor initial={draft} origin={draft.origin} problem={problem} />
    </Page>
  );
}
