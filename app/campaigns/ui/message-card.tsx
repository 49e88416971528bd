import { Banner, BlockStack, Button, Card, ChoiceList, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import type { CampaignDraft, DraftBlock } from "../campaign-form";
import { liveSms } from "../sms-live";
import { formatMoney } from "./types";

interface Props {
  draft: CampaignDraft;
  shopName: string;
  errors: Record<string, string>;
  onChange: (patch: Partial<CampaignDraft>) => void;
}

const VARIABLES = "{{ customer.first_name }}, {{ customer.last_name }}, {{ shop.name }}, {{ shop.url }}, {{ unsubscribe_url }}";

function SmsDiagnostics({ text, shopName }: { text: string; shopName: string }) {
  const sms = liveSms(text, shopName);
  const perSegment = sms.analysis.encoding === "GSM-7" ? (sms.analysis.segments > 1 ? 153 : 160) : sms.analysis.segments > 1 ? 67 : 70;
  return (
    <BlockStack gap="200">
      <Text as="p" id="sms-diagnostics">
        {sms.analysis.encoding} · {sms.analysis.segments} segment{sms.analysis.segments === 1 ? "" : "s"} ({sms.analysis.units} of{" "}
        {perSegment * sms.analysis.segments} {sms.analysis.encoding === "GSM-7" ? "characters" : "UTF-16 units"})
        {sms.cost ? ` · ${formatMoney(sms.cost.micros, sms.cost.currency)} per message to US numbers` : ""}
      </Text>
      {sms.analysis.ucs2Characters.length > 0 ? (
        <Banner tone="warning" title="These characters switch the text to UCS-2 (70 characters per segment)">
          <p>{sms.analysis.ucs2Characters.map((c) => `“${c.char}”${c.suggestion === null ? "" : ` → “${c.suggestion}”`}`).join(", ")}</p>
        </Banner>
      ) : null}
      <Text as="p" tone="subdued">
        Sample: {sms.body}
      </Text>
    </BlockStack>
  );
}

function BlockEditor({
  block,
  index,
  error,
  onChange,
  onRemove,
}: {
  block: DraftBlock;
  index: number;
  error: (field: string) => string | undefined;
  onChange: (b: DraftBlock) => void;
  onRemove: () => void;
}) {
  return (
    <Card background="bg-surface-secondary">
      <BlockStack gap="200">
        <InlineStack align="space-between" blockAlign="center">
          <Select
            label={`Block ${index + 1}`}
            labelInline
            options={[
              { label: "Heading", value: "heading" },
              { label: "Paragraph", value: "paragraph" },
              { label: "Button", value: "button" },
            ]}
            value={block.type}
            onChange={(type) => onChange({ ...block, type: type as DraftBlock["type"] })}
          />
          <Button variant="plain" tone="critical" onClick={onRemove}>
            Remove
          </Button>
        </InlineStack>
        {block.type === "button" ? (
          <InlineStack gap="200" wrap={false}>
            <TextField
              label="Button label"
              autoComplete="off"
              value={block.label}
              onChange={(label) => onChange({ ...block, label })}
              error={error(`blocks.${index}.label`)}
            />
            <TextField
              label="Link"
              autoComplete="off"
              value={block.url}
              onChange={(url) => onChange({ ...block, url })}
              error={error(`blocks.${index}.url`)}
            />
          </InlineStack>
        ) : (
          <TextField
            label={block.type === "heading" ? "Heading" : "Text ([label](url) makes a link)"}
            autoComplete="off"
            multiline={block.type === "paragraph" ? 3 : false}
            value={block.text}
            onChange={(text) => onChange({ ...block, text })}
            error={error(`blocks.${index}.text`)}
          />
        )}
      </BlockStack>
    </Card>
  );
}

/** What: the channel and the message, with the SMS encoding, segments and price as you type. */
export function MessageCard({ draft, shopName, errors, onChange }: Props) {
  const setBlock = (i: number, block: DraftBlock) => onChange({ blocks: draft.blocks.map((b, j) => (j === i ? block : b)) });
  const add = (type: DraftBlock["type"]) => onChange({ blocks: [...draft.blocks, { type, text: "", label: "", url: "" }] });
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          Message
        </Text>
        <ChoiceList
          title="Channel"
          choices={[
            { label: "SMS", value: "SMS" },
            { label: "Email", value: "EMAIL" },
          ]}
          selected={[draft.channel]}
          onChange={([channel]) => onChange({ channel: channel === "EMAIL" ? "EMAIL" : "SMS" })}
        />
        {draft.channel === "SMS" ? (
          <BlockStack gap="200">
            <TextField
              label="Text message"
              multiline={4}
              autoComplete="off"
              value={draft.smsText}
              onChange={(smsText) => onChange({ smsText })}
              error={errors.smsText}
              helpText={`You can use ${VARIABLES}. “Reply STOP to opt out” is added unless the text says how.`}
            />
            <SmsDiagnostics text={draft.smsText} shopName={shopName} />
          </BlockStack>
        ) : (
          <BlockStack gap="300">
            <TextField
              label="Subject"
              autoComplete="off"
              value={draft.subject}
              onChange={(subject) => onChange({ subject })}
              error={errors.subject}
              helpText={`You can use ${VARIABLES}.`}
            />
            <TextField
              label="Preview text"
              autoComplete="off"
              value={draft.previewText}
              onChange={(previewText) => onChange({ previewText })}
              error={errors.previewText}
              helpText="Shown after the subject in most inboxes."
            />
            {draft.blocks.map((block, i) => (
              <BlockEditor
                key={i}
                block={block}
                index={i}
                error={(field) => errors[field]}
                onChange={(b) => setBlock(i, b)}
                onRemove={() => onChange({ blocks: draft.blocks.filter((_, j) => j !== i) })}
              />
            ))}
            {errors.blocks ? (
              <Text as="p" tone="critical">
                {errors.blocks}
              </Text>
            ) : null}
            <InlineStack gap="200">
              <Button onClick={() => add("heading")}>Add heading</Button>
              <Button onClick={() => add("paragraph")}>Add paragraph</Button>
              <Button onClick={() => add("button")}>Add button</Button>
            </InlineStack>
          </BlockStack>
        )}
      </BlockStack>
    </Card>
  );
}
