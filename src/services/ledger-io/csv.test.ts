import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText, parseCsv } from './csv.ts';

describe('parseCsv', () => {
  it('reads quoted fields with commas, quotes and line breaks, and keeps their starting line', () => {
    const text =
      '日期,标题,备注\r\n2023-01-02,"甲,乙","他说""好"""\r\n2023-01-03,"两\n行",\n\n2023-01-04,末行,x';
    expect(parseCsv(text)).toEqual([
      { number: 1, cells: ['日期', '标题', '备注'] },
      { number: 2, cells: ['2023-01-02', '甲,乙', '他说"好"'] },
      { number: 3, cells: ['2023-01-03', '两\n行', ''] },
      { number: 6, cells: ['2023-01-04', '末行', 'x'] },
    ]);
  });

  it('detects tab- and semicolon-separated files', () => {
    expect(parseCsv('a\tb\n1\t2\n')).toEqual([
      { number: 1, cells: ['a', 'b'] },
      { number: 2, cells: ['1', '2'] },
    ]);
    expect(parseCsv('a;b\n1;2').map((r) => r.cells)).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('keeps a trailing empty field and an unterminated quote', () => {
    expect(parseCsv('a,b,\n"x').map((r) => r.cells)).toEqual([['a', 'b', ''], ['x']]);
  });

  // Its speed is measured by the import benchmark (bench/), not here.
  it('parses 100k rows', () => {
    const line = '2023-05-01,普法宣传进村,东村,无,集中宣传,村委会,200,150,12,3,司法所\n';
    const text = '活动日期,活动主题\n' + line.repeat(100_000);
    const rows = parseCsv(text);
    expect(rows).toHaveLength(100_001);
    expect(rows[100_000]?.cells).toEqual(line.trimEnd().split(','));
  });
});

describe('decodeText', () => {
  const s = '活动日期,活动主题\n2023-05-01,“12·4”宪法日宣传';
  it('reads UTF-8 with and without BOM', () => {
    expect(decodeText(Buffer.from(s, 'utf8'))).toEqual({ text: s, encoding: 'utf-8' });
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s, 'utf8')]))).toEqual({
      text: s,
      encoding: 'utf-8',
    });
  });
  it('reads GBK and GB18030 files', () => {
    expect(decodeText(iconv.encode(s, 'gbk'))).toEqual({ text: s, encoding: 'gb18030' });
    expect(decodeText(iconv.encode('𠀀字', 'gb18030')).text).toBe('𠀀字');
  });
  it('reads UTF-16 with a BOM (Excel “Unicode text”)', () => {
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')])).text).toBe(s);
  });
});
