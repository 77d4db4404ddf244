/** Character shingles over the meaningful characters of a text (CJK, letters, digits). */

export const SHINGLE = 10;

/** Phrases every report uses; never evidence of copying. */
export const BOILERPLATE: readonly RegExp[] = [
  /习近平新时代中国特色社会主义思想/g,
  /习近平(总书记)?法治思想/g,
  /党的二十(大|届[一二三四]中全会)精神/g,
  /尊法学法守法用法|学法知法守法用法|学法用法/g,
  /谁执法谁普法|谁执法、谁普法/g,
  /法治政府建设|依法行政|法治轨道|全面依法治国|依法治[县镇乡区]/g,
  /获得感[、]?幸福感[、]?安全感/g,
  /治理体系和治理能力现代化/g,
  /现将[^。]{0,30}报告如下/g,
  /在[县区市]委[、]?[县区市]政府的(坚强)?领导下/g,
  /新理念新思想新战略|社会主义核心价值观|以案释法|特此报告/g,
];

export interface Prepared {
  /** Code points of kept characters; 0 marks a masked character (breaks shingles and matches). */
  codes: Int32Array;
  /** Offset in the original text of each kept character. */
  pos: Int32Array;
  /** Shingle hash starting at each index, or 0 when the window holds a masked character. */
  hashes: Int32Array;
  /** Indices where a segment (about a sentence group) starts. */
  segStarts: number[];
  /** Unmasked kept characters. */
  length: number;
}

/** CJK ideographs, ASCII letters and digits: the characters that carry meaning. */
const keep = (c: number) =>
  (c >= 0x3400 && c <= 0x9fff) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/**
 * Prepares a text for comparison. `masks` are [start, end) ranges (statutory headings) that must
 * not count as copied; boilerplate phrases are masked here too.
 */
export function prepare(text: string, masks: readonly (readonly [number, number])[] = []): Prepared {
  const masked = new Uint8Array(text.length);
  for (const [s, e] of masks) masked.fill(1, Math.max(0, s), Math.min(text.length, e));
  for (const re of BOILERPLATE)
    for (const m of text.matchAll(re)) masked.fill(1, m.index, m.index + m[0].length);
  const codes = new Int32Array(text.length);
  const pos = new Int32Array(text.length);
  const segStarts: number[] = [0];
  let n = 0;
  let length = 0;
  let sinceSeg = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (keep(c)) {
      codes[n] = masked[i] ? 0 : c;
      if (!masked[i]) length++;
      pos[n++] = i;
      sinceSeg++;
    } else if (sinceSeg >= 40 && (c === 0x3002 || c === 0xff1b || c === 0xff01 || c === 0xff1f || c === 10)) {
      // 。；！？ and line ends close a segment of at least 40 characters.
      segStarts.push(n);
      sinceSeg = 0;
    }
  }
  const hashes = new Int32Array(n);
  // Windows are short, so each is hashed directly (FNV-1a) rather than rolled.
  let zeroBefore = -1;
  for (let i = 0; i + SHINGLE <= n; i++) {
    let h = 0x811c9dc5;
    let ok = true;
    for (let j = 0; j < SHINGLE; j++) {
      const c = codes[i + j]!;
      if (c === 0) {
        ok = false;
        zeroBefore = i + j;
        break;
      }
      h = Math.imul(h ^ c, 0x01000193);
    }
    hashes[i] = ok ? h | 1 : 0;
    if (!ok && zeroBefore > i) i = zeroBefore; // skip past the masked character
  }
  return { codes: codes.subarray(0, n), pos: pos.subarray(0, n), hashes, segStarts, length };
}
