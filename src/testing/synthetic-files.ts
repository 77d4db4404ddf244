import { strToU8, zipSync } from 'fflate';

/**
 * Files made at run time for the heavy-upload tests and the fuzz run: no binaries in the
 * repository, and every size a parameter. A small seeded PRNG keeps them reproducible.
 */

/** mulberry32: a seeded 32-bit PRNG, good enough to pick mutations and reproduce a failure. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** A minimal .docx whose word/document.xml holds these paragraphs. */
export function docxOf(paragraphs: readonly string[]): Uint8Array {
  const body = paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${p}</w:t></w:r></w:p>`).join('');
  return zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types/>'),
    'word/document.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}"><w:body>${body}</w:body></w:document>`,
    ),
  });
}

/**
 * A .docx whose document.xml is `xmlBytes` long but compresses about 150 times (a few hundred KB
 * for 95 MB): under every zip limit, so only the reader's own bounds stop it. Every 40th
 * paragraph holds random numbers so deflate cannot make it a bomb the zip guard would refuse.
 */
export function hugeDocx(xmlBytes: number, seed = 1): Uint8Array {
  const random = prng(seed);
  const head = `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}"><w:body>`;
  const block = '<w:p><w:r><w:t>全年开展普法宣传活动，化解矛盾纠纷，推进法治政府建设。</w:t></w:r></w:p>';
  const parts = [head];
  let size = head.length;
  for (let i = 0; size < xmlBytes; i++) {
    const p =
      i % 40 === 0
        ? `<w:p><w:r><w:t>第${i}项 ${Math.floor(random() * 1e6)} ${Math.floor(random() * 1e6)}</w:t></w:r></w:p>`
        : block;
    parts.push(p);
    size += Buffer.byteLength(p);
  }
  parts.push('</w:body></w:document>');
  return zipSync(
    {
      '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types/>'),
      'word/document.xml': strToU8(parts.join('')),
    },
    { level: 6 },
  );
}

/** A minimal .xlsx of one sheet from its rows' cells (strings inline, numbers as numbers). */
export function xlsxOf(sheet: string, rows: Iterable<readonly (string | number)[]>): Uint8Array {
  const xml: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
  ];
  let r = 0;
  for (const cells of rows) {
    r++;
    const cs = cells.map((c) =>
      typeof c === 'number' ? `<c><v>${c}</v></c>` : `<c t="inlineStr"><is><t>${c}</t></is></c>`,
    );
    xml.push(`<row r="${r}">${cs.join('')}</row>`);
  }
  xml.push('</sheetData></worksheet>');
  return xlsxWithSheetXml(sheet, xml.join(''));
}

/** A minimal .xlsx whose one worksheet is exactly this XML. */
export function xlsxWithSheetXml(sheet: string, xml: string): Uint8Array {
  return zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types/>'),
    'xl/workbook.xml': strToU8(
      `<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${sheet}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    'xl/worksheets/sheet1.xml': strToU8(xml),
  });
}
