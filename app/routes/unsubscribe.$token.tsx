// Flock's unsubscribe link: RFC 8058 one-click (a mail client POSTs `List-Unsubscribe=One-Click`,
// no login, 200) and, for a person who follows the link, a page whose confirmation is a plain HTML
// form, so it works without JavaScript. The signed token is the only authentication: a forged or
// tampered one gets 403 and changes nothing.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { unsubscribeAction, unsubscribeLoader } from "~/messaging/consent/unsubscribe-route.server";
import { webhookDeps } from "~/messaging/webhooks/deps.server";
import { pageTitle } from "~/components/page-title";

export const meta: MetaFunction = () => [{ title: pageTitle("Unsubscribe") }, { name: "robots", content: "noindex" }];

export const loader = ({ params }: LoaderFunctionArgs) => unsubscribeLoader(webhookDeps(), params.token ?? "");
export const action = ({ params, request }: ActionFunctionArgs) =>
  unsubscribeAction(webhookDeps(), params.token ?? "", request, new Date());

interface PageView {
  channel: "sms" | "email";
  shopName: string;
  done: boolean;
}

const WHAT = { sms: "text messages", email: "marketing emails" } as const;

export default function Unsubscribe() {
  const page: PageView = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>() as PageView | undefined;
  const view = done ?? page;
  return (
    <main style={{ maxWidth: 480, margin: "64px auto", padding: "0 16px", fontFamily: "system-ui, sans-serif", lineHeight: 1.5 }}>
      <h1 style={{ fontSize: 22 }}>{view.shopName}</h1>
      {view.done ? (
        <p role="status">
          You are unsubscribed. {view.shopName} will not send you {WHAT[view.channel]} any more.
        </p>
      ) : (
        <form method="post">
          <p>
            Stop receiving {WHAT[view.channel]} from {view.shopName}?
          </p>
          <button type="submit" name="confirm" value="yes" style={{ padding: "8px 16px", fontSize: 16 }}>
            Unsubscribe
          </button>
        </form>
      )}
    </main>
  );
}
