import { Link, TextField } from "@shopify/polaris";
import { useLayoutEffect, useRef, useState, type CSSProperties } from "react";
import { describeQueryProblem } from "./query-problem";

export const REFERENCE_URL = "/app/segments/reference";

/**
 * Styles the overlay copies from the textarea, so its text lies exactly over the typed text. It
 * sits above Polaris' input layer (z-index 20 in TextField) with transparent text, so only the
 * mark shows.
 */
const MIRRORED = [
  "fontFamily",
  "fontSize",
  "fontWeight",
  "lineHeight",
  "letterSpacing",
  "paddingTop",
  "paddingRight",
  "paddingBottom",
  "paddingLeft",
  "borderTopWidth",
  "borderRightWidth",
  "borderBottomWidth",
  "borderLeftWidth",
  "boxSizing",
  "tabSize",
] as const;

/**
 * The query text with the problem's range marked in place: a transparent copy of the text laid
 * over the textarea, where only the marked range is visible. The textarea itself is untouched,
 * so the caret and typing are never moved by an error arriving.
 */
function ProblemMark({
  text,
  range,
  host,
}: {
  text: string;
  range: { start: number; end: number };
  host: React.RefObject<HTMLDivElement | null>;
}) {
  const [box, setBox] = useState<CSSProperties | null>(null);
  const overlay = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const wrapper = host.current;
    const area = wrapper?.querySelector("textarea");
    if (!wrapper || !area) return;
    const measure = () => {
      const style = getComputedStyle(area);
      const outer = wrapper.getBoundingClientRect();
      const inner = area.getBoundingClientRect();
      const copied: Record<string, string> = {};
      for (const key of MIRRORED) copied[key] = style[key];
      setBox({
        ...copied,
        top: inner.top - outer.top,
        left: inner.left - outer.left,
        width: inner.width,
        height: inner.height,
        borderStyle: "solid",
        borderColor: "transparent",
      });
    };
    const scroll = () => overlay.current?.scrollTo({ top: area.scrollTop });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(area);
    area.addEventListener("scroll", scroll);
    return () => {
      observer.disconnect();
      area.removeEventListener("scroll", scroll);
    };
  }, [host, text]);
  if (!box) return null;
  return (
    <div
      ref={overlay}
      aria-hidden
      style={{
        ...box,
        position: "absolute",
        zIndex: 30,
        pointerEvents: "none",
        overflow: "hidden",
        whiteSpace: "pre-wrap",
        overflowWrap: "break-word",
        color: "transparent",
        margin: 0,
      }}
    >
      {text.slice(0, range.start)}
      <mark
        id="segment-query-mark"
        style={{
          color: "transparent",
          background: "rgba(229, 28, 0, 0.18)",
          borderBottom: "2px solid var(--p-color-text-critical)",
          borderRadius: 2,
        }}
      >
        {range.end > range.start ? text.slice(range.start, range.end) : "\u00a0"}
      </mark>
      {text.slice(range.end)}
    </div>
  );
}

/** The problem said once: where, what, and a link to the filter reference when a filter is unknown. */
export function QueryProblemMessage({ problem, id }: { problem: { message: string; line?: number; column?: number }; id?: string }) {
  const d = describeQueryProblem(problem);
  return (
    <span id={id}>
      {d.where ? `${d.where}: ` : ""}
      {d.message}
      {d.linkReference ? (
        <>
          {" — "}
          <Link url={REFERENCE_URL} target="_blank">
            see all filters
          </Link>
        </>
      ) : null}
    </span>
  );
}

/** The Query tab's text field, with the problem marked in the text and described below it. */
export function QueryTextField(props: {
  text: string;
  onChange: (text: string) => void;
  problem?: { message: string; line?: number; column?: number };
  range?: { start: number; end: number };
}) {
  const host = useRef<HTMLDivElement>(null);
  return (
    <div ref={host} style={{ position: "relative" }}>
      <TextField
        id="segment-query"
        label="Query"
        value={props.text}
        onChange={props.onChange}
        multiline={4}
        monospaced
        autoComplete="off"
        spellCheck={false}
        error={props.problem ? <QueryProblemMessage problem={props.problem} /> : undefined}
        helpText={
          <>
            Shopify&apos;s segment query language, e.g. number_of_orders &gt;= 2 AND last_order_date &gt; -90d.{" "}
            <Link url={REFERENCE_URL} target="_blank">
              All filters
            </Link>
          </>
        }
      />
      {props.problem && props.range ? <ProblemMark text={props.text} range={props.range} host={host} /> : null}
    </div>
  );
}
