/**
 * Paragraphs two townships' reports share word for word once each township's own names are
 * replaced: the boilerplate a county reader notices when comparing reports side by side.
 */

/** Paragraphs shorter than this (headings, closings such as 特此报告。) are not compared. */
export const SHARED_MIN_CHARS = 30;

export interface SharedParagraph {
  /** The paragraph with the township's names replaced by 〇〇. */
  readonly text: string;
  readonly townships: readonly string[];
}

/**
 * Paragraphs over SHARED_MIN_CHARS characters found in two or more townships' texts. `names(t)`
 * gives the names to replace in township t's text, longest first (e.g. 甲镇人民政府, 甲镇).
 */
export function sharedParagraphs(
  texts: ReadonlyMap<string, readonly string[]>,
  names: (township: string) => readonly string[],
): SharedParagraph[] {
  const seen = new Map<string, Set<string>>();
  for (const [township, paras] of texts) {
    const own = [...names(township)].sort((a, b) => b.length - a.length);
    for (const p of paras) {
      const text = own.reduce((s, n) => s.split(n).join('〇〇'), p.trim());
      if (text.length <= SHARED_MIN_CHARS) continue;
      const set = seen.get(text) ?? new Set<string>();
      set.add(township);
      seen.set(text, set);
    }
  }
  return [...seen].filter(([, ts]) => ts.size > 1).map(([text, ts]) => ({ text, townships: [...ts] }));
}
