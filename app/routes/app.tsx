import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import { NavMenu } from "@shopify/app-bridge-react";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { boundary } from "@shopify/shopify-app-remix/server";
import { AppProvider } from "@shopify/shopify-app-remix/react";
import { requireAdmin } from "~/auth.server";
import { SandboxFrame } from "~/components/sandbox-frame";
import { env } from "~/env.server";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const admin = await requireAdmin(request);
  return { apiKey: env().SHOPIFY_API_KEY, sandbox: admin.sandbox, shop: admin.shop };
};

export default function AppLayout() {
  const { apiKey, sandbox, shop } = useLoaderData<typeof loader>();
  if (sandbox) {
    // No App Bridge outside the Shopify admin: Polaris alone, with our own navigation.
    return (
      <AppProvider isEmbeddedApp={false} apiKey={apiKey}>
        <SandboxFrame shop={shop}>
          <Outlet />
        </SandboxFrame>
      </AppProvider>
    );
  }
  return (
    <AppProvider isEmbeddedApp apiKey={apiKey}>
      <NavMenu>
        <Link to="/app" rel="home">
          Home
        </Link>
        <Link to="/app/segments">Segments</Link>
        <Link to="/app/campaigns">Campaigns</Link>
        <Link to="/app/automations">Automations</Link>
        <Link to="/app/signup-form">Sign-up form</Link>
        <Link to="/app/settings">Settings</Link>
        <Link to="/app/settings/sending">Sending rules</Link>
      </NavMenu>
      <Outlet />
    </AppProvider>
  );
}

// Shopify needs Remix to catch some thrown responses so its headers get through.
export function ErrorBoundary() {
  return boundary.error(useRouteError());
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
