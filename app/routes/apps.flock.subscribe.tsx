// POST /apps/flock/subscribe through Shopify's app proxy: the storefront sign-up form
// (extensions/flock-signup). Signature first (401), then the form (app/optin/proxy-signup.server.ts).
import type { ActionFunctionArgs } from "@remix-run/node";
import { db } from "~/db/db.server";
import { appQueue } from "~/jobs/app-queue.server";
import { verifyAppProxy } from "~/optin/app-proxy.server";
import { handleSignup } from "~/optin/proxy-signup.server";
import { authenticate } from "~/shopify.server";

export const loader = () => new Response("Method Not Allowed", { status: 405, headers: { allow: "POST" } });

export const action = async ({ request }: ActionFunctionArgs) => {
  const shop = await verifyAppProxy(db(), (r) => authenticate.public.appProxy(r), request);
  return handleSignup(
    { db: db(), enqueue: async (name, payload, options) => (await appQueue()).enqueue(name, payload, options) },
    shop,
    request,
    new Date(),
  );
};
