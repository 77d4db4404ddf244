/** A line of a text and where it starts in it (its `\n` not included). */
export interface Line {
  readonly text: string;
  readonly start: number;
}

// The checks of one document each ask for its lines: they are split once and shared.
let last: { text: string; lines: readonly Line[] } | undefined;

/** The text's lines with their offsets, blank ones included, in order. */
export function linesOf(text: string): readonly Line[] {
  if (last?.text === text) return last.lines;
  const lines: Line[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    lines.push({ text: line, start });
    start += line.length + 1;
  }
  last = { text, lines };
  return lines;
}
