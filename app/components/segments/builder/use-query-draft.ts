import { useMemo, useRef, useState } from "react";
import { parseSegmentQuery } from "~/segments/query-language";
import { idCounter, modelFromText, modelToText, type BuilderGroup, type IdSource } from "~/segments/builder/model";

interface DraftState {
  /** Always what is submitted: the Query tab's text, or what the builder printed. */
  text: string;
  /** The last model the builder showed, or null when the text never parsed. */
  model: BuilderGroup | null;
  /** Which tab made the last edit: a half-filled builder row still shows as rows. */
  source: "builder" | "text";
}

/**
 * One rule edited two ways. Builder edits print the text; text edits re-parse into the
 * builder when they parse, and otherwise leave the text exactly as typed and the builder
 * blocked (never rewritten from a broken text), so no tab switch loses work.
 */
export function useQueryDraft(initialText: string) {
  const idsRef = useRef<IdSource | null>(null);
  idsRef.current ??= idCounter("b");
  const ids = idsRef.current;
  const [state, setState] = useState<DraftState>(() => {
    const parsed = modelFromText(initialText, ids);
    return { text: initialText, model: parsed.ok ? parsed.model : null, source: "text" };
  });
  const parsed = useMemo(() => (state.text.trim() === "" ? undefined : parseSegmentQuery(state.text)), [state.text]);
  const parseError = parsed && !parsed.ok ? parsed.error : undefined;
  return {
    ids,
    text: state.text,
    model: state.model,
    /** Why the current text does not parse (with its offset), checked in the browser as it is typed. */
    parseError,
    /** The current text's tree when it parses. */
    tree: parsed?.ok ? parsed.tree : undefined,
    /** Set when the builder cannot show the current text; the Query tab holds it. */
    builderBlockedBy:
      state.model === null || (state.source === "text" && parseError)
        ? (parseError ?? { message: "The query does not parse", line: 1, column: 1 })
        : undefined,
    editText(text: string) {
      setState((prev) => {
        const next = modelFromText(text, ids);
        return { text, model: next.ok ? next.model : prev.model, source: "text" };
      });
    },
    editModel(model: BuilderGroup) {
      setState({ text: modelToText(model), model, source: "builder" });
    },
  };
}
