// What the campaign page's action and resource routes answer, shared by the route and its components.
import type { FieldError } from "../campaign-form";
import type { CampaignPreview } from "../preview.server";
import type { CampaignProgress } from "../progress.server";
import type { CampaignStats } from "../stats.server";

export type ActionAnswer =
  | { intent: "save"; ok: true }
  | { intent: "save"; ok: false; message: string }
  | { intent: "preview"; ok: true; preview: CampaignPreview }
  | { intent: "preview" | "send" | "test"; ok: false; errors: FieldError[] }
  | { intent: "test"; ok: true; to: string }
  | { intent: "pause" | "resume" | "cancel"; ok: boolean; message?: string };

export type ProgressAnswer = CampaignProgress & { stats: CampaignStats };

export interface SegmentOption {
  id: string;
  name: string;
  memberCount: number;
  deleted: boolean;
}

/** field → its first message. */
export function errorsByField(errors: readonly FieldError[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors ?? []) out[e.field] ??= e.message;
  return out;
}

export function formatMoney(micros: number, currency: string): string {
  return new Intl.NumberFormat("en-US", {
    style: "currency",
    currency,
    minimumFractionDigits: 2,
    maximumFractionDigits: micros < 1_000_000 ? 4 : 2,
  }).format(micros / 1_000_000);
}

export const formatCount = (n: number) => new Intl.NumberFormat("en-US").format(n);
