import { useLocation } from "@remix-run/react";
import { Badge, Frame, InlineStack, Navigation, Text } from "@shopify/polaris";
import type { ReactNode } from "react";

export const NAV_ITEMS = [
  { url: "/app", label: "Home" },
  { url: "/app/segments", label: "Segments" },
  { url: "/app/campaigns", label: "Campaigns" },
  { url: "/app/automations", label: "Automations" },
  { url: "/app/signup-form", label: "Sign-up form" },
  { url: "/app/settings", label: "Settings" },
] as const;

/** Chrome for the sandbox: the Shopify admin would otherwise draw the navigation. */
export function SandboxFrame({ shop, children }: { shop: string; children: ReactNode }) {
  const location = useLocation();
  const navigation = (
    <Navigation location={location.pathname}>
      <Navigation.Section
        items={NAV_ITEMS.map((item) => ({
          url: item.url,
          label: item.label,
          exactMatch: item.url === "/app",
          selected: item.url === "/app" ? location.pathname === "/app" : location.pathname.startsWith(item.url),
          ...(item.url === "/app/settings"
            ? { subNavigationItems: [{ url: "/app/settings/sending", label: "Sending rules", disabled: false }] }
            : {}),
        }))}
      />
      <Navigation.Section
        title="Sandbox tools"
        items={[{ url: "/app/sandbox/messages", label: "Messages", selected: location.pathname.startsWith("/app/sandbox/messages") }]}
      />
    </Navigation>
  );
  const topBar = (
    <div style={{ display: "flex", alignItems: "center", height: "100%", padding: "0 1rem", background: "#1a1a1a", color: "white" }}>
      <InlineStack gap="300" blockAlign="center">
        <Text as="span" variant="headingMd" tone="text-inverse">
          Flock
        </Text>
        <Badge tone="attention">Sandbox</Badge>
        <Text as="span" tone="text-inverse">
          {shop}
        </Text>
      </InlineStack>
    </div>
  );
  return (
    <Frame navigation={navigation} topBar={topBar}>
      {children}
    </Frame>
  );
}
