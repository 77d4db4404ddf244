import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { indicators } from '../catalogue/indicators.ts';
import { renderDocx } from '../report/render/docx.ts';
import { buildReport } from '../report/model/build.ts';
import { readDocument } from '../review/read.ts';
import { MASK, redactDocx, redactFile, redactText } from './redact.ts';

/** A minimal .docx whose paragraphs are split into runs as Word splits them at format changes. */
function docx(paragraphs: readonly (readonly string[])[], extra: Record<string, string> = {}): Uint8Array {
  const run = (t: string) => `<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">${t}</w:t></w:r>`;
  const body = paragraphs.map(
    (runs) => `<w:p><w:pPr><w:jc w:val="both"/></w:pPr>${runs.map(run).join('')}</w:p>`,
  );
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body.join('')}<w:sectPr/></w:body></w:document>`;
  return zipSync({
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
    'word/document.xml': strToU8(document),
    ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, strToU8(v)])),
  });
}

const textOf = (bytes: Uint8Array): string => readDocument('r.docx', bytes).text;

describe('redaction of the published copy', () => {
  it('masks a passage split across runs and leaves the rest of the paragraph and its format', () => {
    const src = docx([
      ['当事人', '张', '三丰', '（电话13800001111）反映宅基地纠纷。'],
      ['全年化解矛盾纠纷', '219件', '。'],
    ]);
    const out = redactDocx(src, ['张三丰', '13800001111']);
    const text = textOf(out);
    expect(text).toContain(`当事人${MASK.repeat(3)}（电话${MASK.repeat(11)}）反映宅基地纠纷。`);
    expect(text).toContain('全年化解矛盾纠纷219件。');
    expect(text).not.toContain('张三丰');
    expect(text).not.toContain('13800001111');
    const xml = strFromU8(unzipSync(out)['word/document.xml']!);
    // The runs and their bold format are still there; only the text changed.
    expect(xml.match(/<w:b\/>/g)).toHaveLength(7);
    // The original is untouched.
    expect(textOf(src)).toContain('张三丰');
  });

  it('masks headers and footers too, and escapes what it writes', () => {
    const header = `<?xml version="1.0"?><w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:r><w:t>联系人 李 &amp; 王</w:t></w:r></w:p></w:hdr>`;
    const out = redactDocx(docx([['正文一段。']], { 'word/header1.xml': header }), ['李 & 王']);
    const hdr = strFromU8(unzipSync(out)['word/header1.xml']!);
    expect(hdr).toContain(`<w:t>联系人 ${MASK.repeat(5)}</w:t>`);
  });

  it('refuses a passage that spans two paragraphs rather than publish it half-masked', () => {
    const src = docx([['第一段末尾甲'], ['乙第二段开头']]);
    expect(() => redactDocx(src, ['甲\n乙'])).toThrow(/未能全部遮盖（“甲\n乙”跨越了段落）/);
  });

  it('redacts a report fazhi rendered, and a .txt upload, the same way as the published text', async () => {
    const model = buildReport({
      org: { name: '青石镇', kind: 'township', countyName: '清河县' },
      year: 2024,
      now: '2025-02-10T01:00:00.000Z',
      current: indicators.map((i) => ({
        key: i.key,
        label: i.label,
        unit: i.unit,
        value: i.key === 'study.sessions' ? 12 : i.unit === '%' ? null : 0,
        records: i.key === 'study.sessions' ? 1 : 0,
      })),
      previous: null,
      records: [],
      commitments: [],
    });
    const bytes = await renderDocx(model);
    const target = '青石镇';
    const out = textOf(redactDocx(bytes, [target]));
    expect(out).not.toContain(target);
    expect(out).toContain(MASK);

    const txt = strToU8('某村村民赵四反映问题。\n');
    expect(strFromU8(redactFile('r.txt', txt, ['赵四']))).toBe(
      redactText('某村村民赵四反映问题。\n', ['赵四']),
    );
    expect(strFromU8(redactFile('r.txt', txt, ['赵四']))).toBe(`某村村民${MASK.repeat(2)}反映问题。\n`);
  });

  it('refuses a file that is not a Word document', () => {
    expect(() => redactDocx(strToU8('not a zip'), ['x'])).toThrow(/损坏|无法/);
  });
});
