/**
 * One report in the forms a county receives it in: the reading must not depend on the form. Each
 * text report written for the evaluation (`testdata/written/reports/`) is read as given and as the
 * same report in traditional characters, as a Word file, in GB18030 with CRLF line ends, with a
 * blank line after every line, and broken at a page's width as a PDF copy gives it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import iconv from 'iconv-lite';
import { Converter } from 'opencc-js/cn2t';
import { describe, expect, it } from 'vitest';
import { analyse } from './analyse.ts';
import { joinWrappedLines, readDocument } from './read.ts';
import type { ReviewResult } from './types.ts';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'testdata', 'written', 'reports');
const reports = readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => ({ file: f, text: readFileSync(join(dir, f), 'utf8') }));
const toTraditional = Converter({ from: 'cn', to: 'tw' });
const utf8 = (s: string) => new TextEncoder().encode(s);

/** Lines broken at a page's width (ASCII half as wide as a Chinese character), as a PDF copy gives them. */
function wrapped(text: string, width: number): string {
  return text
    .split('\n')
    .map((line) => {
      let out = '';
      let used = 0;
      for (const ch of line) {
        const w = /[\x20-\x7e]/.test(ch) ? 0.5 : 1;
        if (used + w > width) {
          out += '\n';
          used = 0;
        }
        out += ch;
        used += w;
      }
      return out;
    })
    .join('\n');
}

async function asDocx(text: string): Promise<Uint8Array> {
  const paragraphs = text.split('\n').map((l) => new Paragraph({ children: [new TextRun(l)] }));
  return new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children: paragraphs }] })));
}

/** What a county compares: the township, the year, the figures with their roles, the problems. */
function reading(r: ReviewResult) {
  return {
    org: r.org,
    year: r.year,
    figures: r.figures
      .filter((f) => f.key !== 'other')
      .map((f) => `${f.key}=${f.value}/${f.role ?? ''}`)
      .sort(),
    findings: r.findings
      .filter((f) => f.severity !== 'info')
      .map((f) => f.rule)
      .sort(),
  };
}

const review = (name: string, bytes: Uint8Array) =>
  analyse(readDocument(name, bytes), { profile: 'published' });

describe('one report in the forms a county receives', () => {
  const forms: [string, (text: string) => [string, Uint8Array] | Promise<[string, Uint8Array]>][] = [
    ['traditional characters', (t) => ['r.txt', utf8(toTraditional(t))]],
    ['a Word file', async (t) => ['r.docx', await asDocx(t)]],
    [
      'GB18030 with CRLF',
      (t) => ['r.txt', new Uint8Array(iconv.encode(t.replace(/\n/g, '\r\n'), 'gb18030'))],
    ],
    ['a blank line after every line', (t) => ['r.txt', utf8(t.replace(/\n/g, '\n\n'))]],
    ['lines broken at the page width', (t) => ['r.txt', utf8(wrapped(t, 30))]],
  ];

  it.each(forms)('reads each report the same in %s', async (_, make) => {
    expect(reports.length).toBeGreaterThanOrEqual(60);
    for (const { file, text } of reports) {
      const [name, bytes] = await make(text);
      expect({ file, ...reading(review(name, bytes)) }).toEqual({
        file,
        ...reading(review('r.txt', utf8(text))),
      });
    }
  });

  it('quotes a report in traditional characters as written, and names the township in simplified ones', () => {
    const { text } = reports[0]!;
    const r = review('r.txt', utf8(toTraditional(text)));
    const original = toTraditional(text);
    expect(r.org).toBe(review('r.txt', utf8(text)).org);
    expect(r.figures.length).toBeGreaterThan(10);
    for (const f of r.figures) expect(original.slice(f.start, f.end)).toBe(f.text);
    for (const f of r.findings.filter((x) => x.text))
      expect(original.slice(f.start, f.start + f.text.length)).toBe(f.text);
    expect(r.figures.some((f) => /[場個項條處萬]/.test(f.text))).toBe(true);
  });
});

describe('lines broken at the page width', () => {
  const body =
    '　　2025年，白沙镇坚持依法行政，组织机关干部集中学法10次，开展普法宣传活动28场，发放宣传资料3000余份，化解矛盾纠纷45件。\n'.repeat(
      4,
    );

  it('joins a paragraph broken at the width, and leaves the title, its number and the date alone', () => {
    const text = `白沙镇2025年度法治政府建设情况报告\n白政发〔2026〕3号\n${wrapped(body, 24)}白沙镇人民政府\n2026年1月10日\n`;
    const joined = joinWrappedLines(text).split('\n');
    expect(joined.slice(0, 2)).toEqual(['白沙镇2025年度法治政府建设情况报告', '白政发〔2026〕3号']);
    expect(joined.slice(2, 6)).toEqual(body.trimEnd().split('\n'));
    expect(joined.slice(6)).toEqual(['白沙镇人民政府', '2026年1月10日', '']);
  });

  it('keeps a heading on its own line, and joins a page cut mid-sentence at its end', () => {
    const text = wrapped(`一、主要举措\n${body}（一）学法\n${body.slice(0, 60)}`, 24);
    const joined = joinWrappedLines(text).split('\n');
    expect(joined[0]).toBe('一、主要举措');
    expect(joined[5]).toBe('（一）学法');
    expect(joined[6]).toBe(body.slice(0, 60));
  });

  it('leaves a text alone whose lines are paragraphs', () => {
    const text = `白沙镇2025年度法治政府建设情况报告\n${body}${body.replace(/。/g, '')}`;
    expect(joinWrappedLines(text)).toBe(text);
  });
});
