import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Layout, Page } from "@shopify/polaris";
import { z } from "zod";
import { requireAdmin } from "~/auth.server";
import { CustomerFactsCard } from "~/components/customers/customer-facts-card";
import { CustomerSegmentsCard } from "~/components/customers/customer-segments-card";
import { SegmentExplainCard } from "~/components/customers/segment-explain-card";
import { customerWithSegments } from "~/segments/read-models/customer-queries.server";
import { segmentDeps } from "~/segments/read-models/segment-queries.server";
import { pageTitle } from "~/components/page-title";

const Params = z.object({ customerId: z.coerce.number().int().positive() });

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data?.customer.name ?? "Customer not found", "Customers") },
];

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const parsed = Params.safeParse(params);
  const segmentId = new URL(request.url).searchParams.get("segment");
  const found = parsed.success ? await customerWithSegments(segmentDeps(), shop, parsed.data.customerId, segmentId, new Date()) : null;
  if (!found) throw new Response("Customer not found", { status: 404 });
  return found;
};

export default function CustomerPage() {
  const { customer, memberOf, segments, explanation, timeZone } = useLoaderData<typeof loader>();
  return (
    <Page
      title={customer.name}
      subtitle={customer.email ?? customer.phone ?? undefined}
      backAction={{ content: "Segments", url: "/app/segments" }}
    >
      <Layout>
        <Layout.Section>
          <SegmentExplainCard segments={segments} explanation={explanation} timeZone={timeZone} />
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <CustomerSegmentsCard segments={memberOf} />
            <CustomerFactsCard customer={customer} />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
