import { splitTextLinks } from "~/messaging/links/find-links";

/** Text with its http(s) URLs as links opening in a new tab (the sandbox's message views). */
export function LinkedText({ text }: { text: string }) {
  return (
    <>
      {splitTextLinks(text).map((part, i) =>
        part.kind === "link" ? (
          <a key={i} href={part.url} target="_blank" rel="noopener noreferrer" style={{ color: "inherit", textDecoration: "underline" }}>
            {part.url}
          </a>
        ) : (
          part.text
        ),
      )}
    </>
  );
}
