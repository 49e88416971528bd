import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Card, Page } from "@shopify/polaris";
import { z } from "zod";
import { requireAdmin } from "~/auth.server";
import { ExplainResult } from "~/components/segments/explain-trace";
import { explainMember, segmentDeps } from "~/segments/read-models/segment-queries.server";
import { pageTitle } from "~/components/page-title";

const Params = z.object({ id: z.string().min(1), customerId: z.coerce.number().int().positive() });

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? pageTitle(`Why ${data.customer.name}?`, data.segment.name) : pageTitle("Not found") },
];

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const parsed = Params.safeParse(params);
  const found = parsed.success ? await explainMember(segmentDeps(), shop, parsed.data.id, parsed.data.customerId, new Date()) : null;
  if (!found) throw new Response("Not found", { status: 404 });
  return found;
};

export default function ExplainMember() {
  const { segment, customer, result, timeZone } = useLoaderData<typeof loader>();
  return (
    <Page
      title={`Why ${customer.name}?`}
      subtitle={customer.contact}
      backAction={{ content: segment.name, url: `/app/segments/${segment.id}` }}
      secondaryActions={[{ content: "Customer page", url: `/app/customers/${customer.id}?segment=${encodeURIComponent(segment.id)}` }]}
    >
      <Card>
        <ExplainResult result={result} failedTitle="This customer cannot be explained" timeZone={timeZone} />
      </Card>
    </Page>
  );
}
