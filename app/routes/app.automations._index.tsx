import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Badge, Card, EmptyState, IndexTable, Link, Page } from "@shopify/polaris";
import { requireAdmin } from "~/auth.server";
import { db } from "~/db/db.server";
import { listAutomations } from "~/shop/lists.server";
import { pageTitle } from "~/components/page-title";

export const meta: MetaFunction = () => [{ title: pageTitle("Automations") }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  return { automations: await listAutomations(db(), shop) };
};

export default function Automations() {
  const { automations } = useLoaderData<typeof loader>();
  return (
    <Page title="Automations">
      <Card padding="0">
        {automations.length === 0 ? (
          <EmptyState
            heading="No automations yet"
            image=""
            action={{ content: "Set up the abandoned-checkout sequence", url: "/app/automations/abandoned-checkout" }}
          >
            <p>The abandoned-checkout sequence reminds shoppers by SMS and email, with a discount and a recovery link.</p>
          </EmptyState>
        ) : (
          <IndexTable itemCount={automations.length} selectable={false} headings={[{ title: "Automation" }, { title: "State" }]}>
            {automations.map((a, i) => (
              <IndexTable.Row id={a.id} key={a.id} position={i}>
                <IndexTable.Cell>
                  {a.kind === "abandoned_checkout" ? <Link url="/app/automations/abandoned-checkout">Abandoned checkout</Link> : a.kind}
                </IndexTable.Cell>
                <IndexTable.Cell>{a.enabled ? <Badge tone="success">On</Badge> : <Badge>Off</Badge>}</IndexTable.Cell>
              </IndexTable.Row>
            ))}
          </IndexTable>
        )}
      </Card>
    </Page>
  );
}
