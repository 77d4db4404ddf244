import { rememberLast } from './memo.ts';

/** What parts the cells of a line typed as a table: a tab, or two blanks or more. */
export const COLUMN_GAP = /\t|[ \u3000]{2,}/;

/** A line of a text and where it starts in it (its `\n` not included). */
export interface Line {
  readonly text: string;
  readonly start: number;
}

/**
 * The text's lines with their offsets, blank ones included, in order. The checks of one document
 * each ask for them: they are split once and shared.
 */
export const linesOf = rememberLast((text): readonly Line[] => {
  const lines: Line[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    lines.push({ text: line, start });
    start += line.length + 1;
  }
  return lines;
});
