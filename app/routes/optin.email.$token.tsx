// The link in a confirmed opt-in email (app/optin/email-confirm.server.ts). The GET shows a page
// with a Confirm button and changes nothing (mail scanners prefetch links); the button is a plain
// HTML form POST, so it works without JavaScript. The signed token is the only authentication.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { pageTitle } from "~/components/page-title";
import { webhookDeps } from "~/messaging/webhooks/deps.server";
import { emailConfirmAction, emailConfirmLoader } from "~/optin/email-confirm-route.server";
import type { EmailConfirmView } from "~/optin/email-confirm.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Confirm your subscription") }, { name: "robots", content: "noindex" }];

export const loader = ({ params }: LoaderFunctionArgs) => emailConfirmLoader(webhookDeps(), params.token ?? "", new Date());
export const action = ({ params, request }: ActionFunctionArgs) =>
  emailConfirmAction(webhookDeps(), params.token ?? "", request, new Date());

function Message({ view }: { view: EmailConfirmView }) {
  const shop = view.shopName ?? "the store";
  switch (view.outcome) {
    case "ask":
      return (
        <form method="post">
          <p>Confirm that you want marketing emails from {shop}.</p>
          <button type="submit" name="confirm" value="yes" style={{ padding: "8px 16px", fontSize: 16 }}>
            Confirm subscription
          </button>
        </form>
      );
    case "confirmed":
      return <p role="status">Thanks! Your email address is confirmed: you are subscribed to emails from {shop}.</p>;
    case "already_confirmed":
      return <p role="status">This address is already confirmed: you are subscribed to emails from {shop}. Nothing changed.</p>;
    case "expired":
      return (
        <p role="alert">
          This confirmation link has expired, so you are not subscribed. Sign up again on the store’s website to get a new link.
        </p>
      );
    case "invalid":
      return <p role="alert">This confirmation link is not valid. Nothing was changed.</p>;
  }
}

export default function ConfirmEmail() {
  const page = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>();
  const view: EmailConfirmView = done ?? page;
  return (
    <main style={{ maxWidth: 480, margin: "64px auto", padding: "0 16px", fontFamily: "system-ui, sans-serif", lineHeight: 1.5 }}>
      <h1 style={{ fontSize: 22 }}>{view.shopName ?? "Email confirmation"}</h1>
      <Message view={view} />
    </main>
  );
}
