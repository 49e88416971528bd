import { useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Card, Layout, Modal, Page, Text, TextField } from "@shopify/polaris";
import { useEffect, useRef, useState } from "react";
import type { CampaignDraft } from "../campaign-form";
import { AudienceCard } from "./audience-card";
import { MessageCard } from "./message-card";
import { PreviewCard } from "./preview-card";
import { ScheduleCard } from "./schedule-card";
import { errorsByField, type ActionAnswer, type SegmentOption } from "./types";

interface Props {
  initial: CampaignDraft;
  segments: readonly SegmentOption[];
  shopTimeZone: string;
  shopName: string;
  notSentReason: string | null;
}

const AUTOSAVE_MS = 800;

/** The draft editor: autosaves as you type; Preview, Send test and Send save first. */
export function EditorView({ initial, segments, shopTimeZone, shopName, notSentReason }: Props) {
  const [draft, setDraft] = useState(initial);
  const [confirming, setConfirming] = useState(false);
  const autosave = useFetcher<ActionAnswer>();
  const act = useFetcher<ActionAnswer>();
  const duplicate = useFetcher();
  const first = useRef(true);
  const payload = (intent: string, extra: Record<string, string> = {}) => ({ intent, draft: JSON.stringify(draft), ...extra });

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const timer = setTimeout(() => autosave.submit(payload("save"), { method: "post" }), AUTOSAVE_MS);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- saves when the draft changes, not when the fetcher does
  }, [draft]);

  const answer = act.data;
  const errors = errorsByField(answer && !answer.ok && "errors" in answer ? answer.errors : undefined);
  const preview = answer?.intent === "preview" && answer.ok ? answer.preview : null;
  const testMessage = answer?.intent === "test" ? (answer.ok ? { ok: true, text: `Test sent to ${answer.to}.` } : null) : null;
  const patch = (p: Partial<CampaignDraft>) => setDraft((d) => ({ ...d, ...p }));
  const saved = autosave.state === "idle" && autosave.data?.intent === "save" && autosave.data.ok;
  const sendLabel = draft.sendMode === "now" ? "Send now" : "Schedule";

  return (
    <Page
      title={draft.name || "New campaign"}
      backAction={{ content: "Campaigns", url: "/app/campaigns" }}
      titleMetadata={
        <Text as="span" tone="subdued">
          {autosave.state !== "idle" ? "Saving…" : saved ? "Draft saved" : "Draft"}
        </Text>
      }
      primaryAction={{
        content: sendLabel,
        onAction: () => setConfirming(true),
        loading: act.state !== "idle" && act.formData?.get("intent") === "send",
      }}
      secondaryActions={[{ content: "Duplicate", onAction: () => duplicate.submit({ intent: "duplicate" }, { method: "post" }) }]}
    >
      <Layout>
        {notSentReason ? (
          <Layout.Section>
            <Banner tone="critical" title="This campaign was not sent">
              <p id="not-sent-reason">{notSentReason}</p>
            </Banner>
          </Layout.Section>
        ) : null}
        {Object.keys(errors).length > 0 && answer?.intent === "send" ? (
          <Layout.Section>
            <Banner tone="critical" title="Fix these before sending">
              <ul>
                {Object.values(errors).map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            </Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <BlockStack gap="400">
            <Card>
              <TextField
                label="Campaign name"
                autoComplete="off"
                value={draft.name}
                onChange={(name) => patch({ name })}
                error={errors.name}
                helpText="Only you see it."
              />
            </Card>
            <AudienceCard draft={draft} segments={segments} errors={errors} onChange={patch} />
            <MessageCard draft={draft} shopName={shopName} errors={errors} onChange={patch} />
            <ScheduleCard draft={draft} shopTimeZone={shopTimeZone} errors={errors} onChange={patch} />
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <PreviewCard
            preview={preview}
            loading={act.state !== "idle" && act.formData?.get("intent") === "preview"}
            channel={draft.channel}
            testMessage={testMessage}
            testError={errors.testTo}
            onPreview={() => act.submit(payload("preview"), { method: "post" })}
            onTest={(to) => act.submit(payload("test", { to }), { method: "post" })}
          />
        </Layout.Section>
      </Layout>
      <Modal
        open={confirming}
        onClose={() => setConfirming(false)}
        title={draft.sendMode === "now" ? `Send “${draft.name}” now?` : `Schedule “${draft.name}”?`}
        primaryAction={{
          content: sendLabel,
          onAction: () => {
            setConfirming(false);
            act.submit(payload("send"), { method: "post" });
          },
        }}
        secondaryActions={[{ content: "Cancel", onAction: () => setConfirming(false) }]}
      >
        <Modal.Section>
          <Text as="p">
            The audience is fixed when sending starts: customers who join the segments later are not added. You can pause or cancel while it
            sends.
          </Text>
        </Modal.Section>
      </Modal>
    </Page>
  );
}
