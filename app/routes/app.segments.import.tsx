// Static segment upload: a name and a CSV of emails or phone numbers, posted as multipart.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { Page } from "@shopify/polaris";
import { z } from "zod";
import { requireAdmin } from "~/auth.server";
import { StaticImportForm } from "~/components/segments/static-import-form";
import { summariseImport } from "~/segments/static-lists/import-summary";
import { importStaticSegment } from "~/segments/segment-service.server";
import { segmentDeps } from "~/segments/read-models/segment-queries.server";
import { SegmentName } from "~/segments/engine/segment-rules";
import { readContactList } from "~/segments/static-lists/static-list";
import { pageTitle } from "~/components/page-title";

const MAX_CSV_BYTES = 10 * 1024 * 1024;
/** Characters of the typed name sent back with a refusal, so the form keeps it without echoing megabytes. */
const KEPT_NAME_CHARS = 1_000;

const ImportForm = z.object({
  name: SegmentName,
  csv: z
    .instanceof(File, { message: "Choose a CSV file" })
    // A browser posts an empty, nameless File when no file was chosen.
    .refine((f) => f.name !== "" || f.size > 0, { message: "Choose a CSV file", abort: true })
    .refine((f) => f.size > 0, "The file is empty")
    .refine((f) => f.size <= MAX_CSV_BYTES, "The file is larger than 10 MB"),
});

export const meta: MetaFunction = () => [{ title: pageTitle("Upload a customer list", "Segments") }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  await requireAdmin(request);
  return null;
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const fields = await request.formData();
  const name = String(fields.get("name") ?? "");
  const refuse = (message: string) => data({ ok: false as const, name: name.slice(0, KEPT_NAME_CHARS), message }, { status: 400 });
  const form = ImportForm.safeParse({ name, csv: fields.get("csv") });
  if (!form.success) return refuse(form.error.issues[0]?.message ?? "Invalid upload");
  const list = readContactList(new Uint8Array(await form.data.csv.arrayBuffer()));
  if (!list.ok) return refuse(list.message);
  const report = await importStaticSegment(segmentDeps(), shop, { name: form.data.name, entries: list.entries }, new Date());
  return data({ ok: true as const, name: form.data.name, summary: summariseImport(report) }, { status: 200 });
};

export default function ImportSegment() {
  const result = useActionData<typeof action>();
  return (
    <Page title="Upload a customer list" backAction={{ content: "Segments", url: "/app/segments" }}>
      <StaticImportForm result={result} />
    </Page>
  );
}
