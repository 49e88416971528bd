// A tracked short link in an SMS or email (app/messaging/links): public, no login. 302 to the
// stored destination (the first click per link recorded, previews and HEAD not counted); an
// unknown code gets a page saying so.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { db } from "~/db/db.server";
import { pageTitle } from "~/components/page-title";
import { appQueue } from "~/jobs/app-queue.server";
import { kickAttribution } from "~/messaging/attribution/attribution-job.server";
import { shortLinkLoader } from "~/messaging/links/link-route.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Link not found") }, { name: "robots", content: "noindex" }];

export const loader = ({ params, request }: LoaderFunctionArgs) =>
  shortLinkLoader(db(), params.code ?? "", request, new Date(), async (shop, now) => kickAttribution(await appQueue(), shop, now));

export default function LinkNotFound() {
  return (
    <main style={{ maxWidth: 480, margin: "64px auto", padding: "0 16px", fontFamily: "system-ui, sans-serif", lineHeight: 1.5 }}>
      <h1 style={{ fontSize: 22 }}>This link doesn’t work</h1>
      <p>
        The link may have been copied only in part, or it is no longer available. Check that you opened the whole link from the message, or
        visit the shop’s website directly.
      </p>
    </main>
  );
}
