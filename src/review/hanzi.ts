import { Converter } from 'opencc-js/t2cn';
import { to } from 'opencc-js/preset/t2cn';
import { rememberLast } from './memo.ts';

/**
 * Traditional → simplified characters, for matching only: reports from some townships (or copied
 * from older templates, or mirrored by other sites) are written in traditional characters, and
 * the reviewer's patterns are simplified. OpenCC's dictionaries convert them, phrase-aware
 * (乾隆 stays, 乾淨 becomes 干净); character for character, so offsets in the converted text are
 * offsets in the original.
 */
const t2s = Converter({ from: 't', to: 'cn' });

/** OpenCC's single-character entries for simplified Chinese ([traditional, simplified]). */
const ENTRIES: readonly (readonly [string, string])[] = (to.cn ?? [])
  .flat()
  .flatMap((dict): readonly (readonly [string, string])[] =>
    typeof dict === 'string'
      ? dict.split('|').map((e): readonly [string, string] => {
          const [from = '', into = ''] = e.split(' ');
          return [from, into];
        })
      : dict,
  )
  .filter(([from, into]) => [...from].length === 1 && into !== '');
/** Characters OpenCC converts on their own: a text with none of them is converted as it is. */
const TRADITIONAL = new Set(ENTRIES.map(([from]) => from));
/** Their simplified forms: counted to tell a simplified text with a stray traditional character. */
const SIMPLIFIED = new Set(ENTRIES.map(([, into]) => into).filter((c) => !TRADITIONAL.has(c)));

const escape = (ch: string): string => (/[\\\]^-]/.test(ch) ? `\\${ch}` : ch);
const HAS_TRADITIONAL = new RegExp(`[${[...TRADITIONAL].map(escape).join('')}]`, 'u');

/**
 * The text in simplified characters, character for character (same length, same offsets). A
 * document is converted by several readers: the last conversion is remembered.
 */
export const toSimplified = rememberLast((text) => {
  let out = HAS_TRADITIONAL.test(text) ? t2s(text) : text;
  // A phrase whose simplified form is of another length (rare): converted character by character.
  if (out.length !== text.length) {
    out = '';
    for (const ch of text) {
      const s = t2s(ch);
      out += s.length === ch.length ? s : ch;
    }
  }
  return out;
});

/**
 * A text read in simplified characters: the copy (same offsets) and `quote`, which gives back what
 * the original says where the copy says `s` at `at`, for what is shown to the reader.
 */
export function simplifiedReading(text: string): { plain: string; quote: (s: string, at: number) => string } {
  const plain = toSimplified(text);
  if (plain === text) return { plain, quote: (s) => s };
  return {
    plain,
    quote: (s, at) => (at >= 0 && plain.startsWith(s, at) ? text.slice(at, at + s.length) : s),
  };
}

/**
 * Traditional characters left in a text written in simplified ones (工作情況): their offsets. None
 * in a text written in traditional characters, where they are the script, not a slip. `plain` is
 * the text in simplified characters, when the caller has it already.
 */
export function strayTraditional(text: string, plain = toSimplified(text)): number[] {
  if (plain === text) return [];
  const at: number[] = [];
  let simplified = 0;
  for (let i = 0; i < text.length; i++) {
    if (plain[i] !== text[i]) at.push(i);
    else if (SIMPLIFIED.has(text[i]!)) simplified++;
  }
  // A few among many simplified ones: the odd character typed or pasted in another script.
  return at.length <= 3 && simplified >= 20 * at.length ? at : [];
}
