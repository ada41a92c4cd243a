import type { ComponentChildren } from 'preact';

/** Plain text as typed: escaped by preact, its line breaks kept as <br>. */
export function PlainText({ text }: { text: string }) {
  const parts: ComponentChildren[] = [];
  text.split('\n').forEach((line, i) => {
    if (i > 0) parts.push(<br />);
    parts.push(line);
  });
  return <>{parts}</>;
}
