import iconv from 'iconv-lite';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readDocument, UnreadableError } from './read.ts';
import { uploadedReports } from './upload.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('readDocument', () => {
  it('decodes UTF-8 with a BOM and GBK, and strips conversion artifacts', () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('[bookmark: _GoBack]高观镇报告')]);
    const d = readDocument('a.txt', bom);
    expect(d.text).toBe('高观镇报告');
    expect(d.artifacts).toEqual([{ text: '[bookmark: _GoBack]', at: 0 }]);
    expect(readDocument('b.txt', new Uint8Array(iconv.encode('龙泉乡法治政府建设', 'gbk'))).text).toBe(
      '龙泉乡法治政府建设',
    );
  });

  it('refuses unreadable files with a Chinese message', () => {
    expect(() => readDocument('a.doc', new Uint8Array([0xd0, 0xcf, 0x11]))).toThrow(/不支持旧版 Word/);
    expect(() => readDocument('a.docx', utf8('not a zip'))).toThrow(UnreadableError);
    expect(() => readDocument('a.docx', zipSync({ 'x.txt': utf8('x') }))).toThrow(/缺少 word\/document\.xml/);
    expect(() => readDocument('a.pdf', utf8('%PDF'))).toThrow(/不支持的文件类型/);
    expect(() => readDocument('a.txt', new Uint8Array(0))).toThrow(/文件为空/);
    expect(() => readDocument('big.txt', new Uint8Array(21 * 1024 * 1024))).toThrow(/文件过大/);
  });

  it('names a malformed .docx in Chinese, without the XML parser message in English', () => {
    const broken = zipSync({ 'word/document.xml': utf8('<w:document xmlns:w="w"><w:body><w:p>') });
    let message = '';
    try {
      readDocument('broken.docx', broken);
    } catch (e) {
      expect(e).toBeInstanceOf(UnreadableError);
      message = (e as Error).message;
    }
    expect(message).toBe(
      'Word 文档正文（word/document.xml）的格式不正确（第 1 行第 37 列附近），文件可能已损坏',
    );
    const styles = zipSync({
      'word/document.xml': utf8('<w:document/>'),
      'word/styles.xml': utf8('<w:styles>'),
    });
    expect(() => readDocument('styles.docx', styles)).toThrow(
      /^Word 文档样式（word\/styles\.xml）的格式不正确/,
    );
  });

  it('refuses zip bombs by their declared size', () => {
    const bomb = zipSync({ 'word/document.xml': new Uint8Array(101 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(() => readDocument('bomb.docx', bomb)).toThrow(/压缩炸弹/);
  });

  it('renders Word list numbers and keeps table cells', () => {
    const doc = `<?xml version="1.0"?><w:document xmlns:w="w"><w:body>
<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>主要举措</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>加强领导</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>存在的不足</w:t></w:r><w:del><w:r><w:t>删掉</w:t></w:r></w:del></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>网格员（名）</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>45</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
</w:body></w:document>`;
    const numbering = `<w:numbering xmlns:w="w"><w:abstractNum w:abstractNumId="0">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`;
    const d = readDocument(
      'n.docx',
      zipSync({ 'word/document.xml': utf8(doc), 'word/numbering.xml': utf8(numbering) }),
    );
    expect(d.text).toBe('一、主要举措\n（一）加强领导\n二、存在的不足\n网格员（名）\t45');
    expect(d.tables[0]![0]!.cells).toEqual(['网格员（名）', '45']);
  });

  it('reads a footnote after the paragraph or the table that refers to it, not the separators', () => {
    const doc = `<?xml version="1.0"?><w:document xmlns:w="w"><w:body>
<w:p><w:r><w:t>持证执法人员17名</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:t>，开展检查96次。</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>网格员（名）</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>45</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:r><w:t>白沙镇人民政府</w:t></w:r></w:p>
</w:body></w:document>`;
    const notes = `<w:footnotes xmlns:w="w">
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:t>—</w:t></w:r></w:p></w:footnote>
<w:footnote w:id="1"><w:p><w:r><w:t>含在编人员14名、借调人员3名。</w:t></w:r></w:p></w:footnote>
<w:footnote w:id="2"><w:p><w:r><w:t>含专职网格员4名。</w:t></w:r></w:p></w:footnote>
</w:footnotes>`;
    const d = readDocument(
      'f.docx',
      zipSync({ 'word/document.xml': utf8(doc), 'word/footnotes.xml': utf8(notes) }),
    );
    expect(d.text).toBe(
      '持证执法人员17名，开展检查96次。\n注：含在编人员14名、借调人员3名。\n网格员（名）\t45\n注：含专职网格员4名。\n白沙镇人民政府',
    );
    const broken = zipSync({
      'word/document.xml': utf8(doc),
      'word/footnotes.xml': utf8('<w:footnotes><w:footnote>'),
    });
    expect(() => readDocument('g.docx', broken)).toThrow(/脚注.*格式不正确/);
  });

  it('takes Markdown and HTML reports from a .zip upload, and names what it supports when there are none', () => {
    const zip = zipSync({
      '报告/甲镇.html': utf8('<p>甲镇</p>'),
      '报告/乙镇.md': utf8('# 乙镇'),
      '报告/丙镇.pdf': utf8('%PDF'),
    });
    expect(uploadedReports('all.zip', zip).map((f) => f.name)).toEqual(['甲镇.html', '乙镇.md']);
    expect(() => uploadedReports('none.zip', zipSync({ 'a.pdf': utf8('%PDF') }))).toThrow(
      '压缩包中没有可审阅的报告（支持 .docx、.txt、.md、.markdown、.html、.htm）',
    );
  });
});
