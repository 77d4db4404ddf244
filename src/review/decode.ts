import iconv from 'iconv-lite';

/**
 * Decodes a plain-text report: UTF-8 (with or without BOM) when the bytes are valid UTF-8,
 * else GB18030 (a superset of GBK and GB2312, what Chinese Windows editors save by default).
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'gb18030' | 'utf-16' } {
  if (
    bytes.length >= 2 &&
    ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
  ) {
    const le = bytes[0] === 0xff;
    return {
      text: new TextDecoder(le ? 'utf-16le' : 'utf-16be').decode(bytes.subarray(2)),
      encoding: 'utf-16',
    };
  }
  const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    // ignoreBOM: false strips the BOM itself.
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    if (hasBom) throw new Error('文件标明为 UTF-8 编码，但含有无效字节');
    return {
      text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'gb18030'),
      encoding: 'gb18030',
    };
  }
}

/** Artifacts that converters leave in text (Word bookmarks, comments, images). */
const ARTIFACT = /\[(?:bookmark|anchor|image|comment|footnote|endnote)(?:: [^\]\n]{0,200})?\]/g;

/**
 * A syllable of pinyin in brackets right after a character (關(guān)刀鎮(zhèn)): a mirror site's
 * gloss, no word of the report. Only a syllable with a tone mark, so a bracketed letter stays.
 */
const PINYIN_GLOSS = /(?<=[\u4e00-\u9fff])\([a-zü]{0,5}[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]{0,5}\)/g;

/**
 * Normalises text so offsets are stable: line endings to \n, full-width digits and letters to
 * ASCII (same length, so offsets still match what a reader sees), NBSP to space, a mirror site's
 * pinyin glosses removed, artifacts removed and remembered.
 */
export function normaliseText(raw: string): { text: string; artifacts: { text: string; at: number }[] } {
  let s = raw
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\u2002\u2003\u2009]/g, ' ');
  s = s.replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) =>
    String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );
  s = s.replace(/\u200b|\u200c|\u200d|\u2060/g, '').replace(PINYIN_GLOSS, '');
  const artifacts: { text: string; at: number }[] = [];
  let out = '';
  let last = 0;
  for (const m of s.matchAll(ARTIFACT)) {
    out += s.slice(last, m.index);
    artifacts.push({ text: m[0], at: out.length });
    last = m.index + m[0].length;
  }
  out += s.slice(last);
  return { text: out, artifacts };
}
