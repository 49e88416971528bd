import type { Db } from "~/db/db.server";
import { forShop } from "~/db/shop-scope.server";

export function listCampaigns(root: Db, shop: string) {
  return forShop(root, shop).campaign.findMany({
    select: { id: true, name: true, channel: true, status: true, updatedAt: true },
    orderBy: { updatedAt: "desc" },
  });
}

export function listAutomations(root: Db, shop: string) {
  return forShop(root, shop).automation.findMany({ select: { id: true, kind: true, enabled: true }, orderBy: { kind: "asc" } });
}
