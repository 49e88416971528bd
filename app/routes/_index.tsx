import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/react";
import { isSandboxEnabled } from "~/auth.server";

// Shopify opens the app at /?shop=…&host=…; keep those parameters on the way to /app.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const url = new URL(request.url);
  if (url.searchParams.get("shop") || isSandboxEnabled()) throw redirect(`/app${url.search}`);
  throw redirect("/auth/login");
};
