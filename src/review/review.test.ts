import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { figuresTable, renderHtml, reviewDocuments, toCsv, type ReviewResult } from './index.ts';
import { isError } from './types.ts';

const here = dirname(fileURLToPath(import.meta.url));
const corpusDir = join(here, 'testdata/corpus');
const corpus = () =>
  readdirSync(corpusDir)
    .sort()
    .map((n) => ({ name: n, bytes: readFileSync(join(corpusDir, n)) }));
const own = (n: string) => ({ name: n, bytes: readFileSync(join(here, 'testdata/own', n)) });
const rules = (r: ReviewResult) => r.findings.map((f) => f.rule);

describe('reviewDocuments on the corpus', () => {
  const results = reviewDocuments(corpus()) as ReviewResult[];
  const [xindianping, gaoguan, caoxi] = results as [ReviewResult, ReviewResult, ReviewResult];

  it('finds every known problem of domain.md', () => {
    // Written twice, it is one finding with both places.
    const expired = xindianping.findings.filter((f) => f.rule === 'plan.expired');
    expect(expired.map((f) => f.text)).toEqual(['“七五”普法']);
    expect(expired[0]!.also).toHaveLength(1);
    expect(xindianping.text.slice(expired[0]!.also![0]).startsWith('“七五”普法')).toBe(true);
    expect(expired[0]!.message).toContain('（全文共2处）');
    expect(gaoguan.findings.find((f) => f.rule === 'headings.level')?.message).toContain('（1）');
    expect(gaoguan.findings.find((f) => f.rule === 'format.artifact')?.text).toBe('[bookmark: _GoBack]');
    expect(caoxi.findings.filter((f) => f.rule === 'wording.firstPerson').map((f) => f.text)).toEqual([
      '我高度重视',
      '由本人担任',
    ]);
    expect(rules(gaoguan)).toContain('parts.causes');
    expect(rules(xindianping)).toContain('parts.leaderDuty');
    expect(rules(xindianping)).toContain('format.addressee');
    expect(rules(caoxi)).not.toContain('format.addressee');
  });

  it('reads title, township and year', () => {
    expect(results.map((r) => [r.org, r.year])).toEqual([
      ['新店坪镇', 2023],
      ['高观镇', 2023],
      ['曹溪镇', 2024],
    ]);
    expect(caoxi.title).toBe('弋阳县曹溪镇人民政府关于2024年度法治政府建设情况的报告');
  });

  it('goes on past an unreadable file', () => {
    const out = reviewDocuments([{ name: 'bad.docx', bytes: new Uint8Array([1, 2, 3]) }, ...corpus()]);
    expect(out[0]).toEqual({ file: 'bad.docx', error: '不是有效的 .docx 文件（不是 zip 压缩包）' });
    expect(out.slice(1).every((r) => !isError(r))).toBe(true);
  });

  it('renders HTML with findings in place and a comparison table', () => {
    const html = renderHtml(results);
    expect(html).toContain('<mark class="error" title="[plan.expired]');
    expect(html).toContain('[bookmark: _GoBack]');
    const csv = toCsv(figuresTable(results));
    expect(csv.split('\r\n')[2]).toContain('高观镇,2023');
    expect(figuresTable(results).header).toContain('化解率（%）');
  });
});

describe('checks on the own reports', () => {
  it('finds wording slips, early cut-off and rates that disagree with their counts', () => {
    const [a] = reviewDocuments([own('a-lianhua.txt')]) as ReviewResult[];
    expect(rules(a!)).toEqual(
      expect.arrayContaining([
        'wording.yi',
        'wording.slip',
        'wording.fazhi',
        'dates.earlyCutoff',
        'figures.rate',
      ]),
    );
    expect(a!.findings.find((f) => f.rule === 'figures.rate')?.message).toContain('88.89%');
  });

  it('finds expired plans, numbering gaps and impossible counts', () => {
    const [b] = reviewDocuments([own('b-shuikou.txt')]) as ReviewResult[];
    expect(rules(b!)).toEqual(
      expect.arrayContaining(['plan.expired', 'headings.gap', 'figures.resolved', 'figures.over100']),
    );
  });

  it('finds the paragraph copied between two reports and nothing between unrelated ones', () => {
    const out = reviewDocuments([own('c-dongguan.txt'), own('d-xishan.txt'), ...corpus()]) as ReviewResult[];
    const c = out[0]!.similarity;
    expect(c).toHaveLength(1);
    expect(c[0]!.other).toBe('d-xishan.txt');
    expect(c[0]!.passages[0]!.text).toContain('排查矛盾纠纷168件，化解165件，化解率98.2%');
    expect(out.slice(2).every((r) => r.similarity.length === 0)).toBe(true);
  });

  it('takes extra rules as data', () => {
    const extra = [
      { id: 'wording.custom', severity: 'info' as const, pattern: '枫桥经验', message: '提到“{text}”' },
    ];
    const [c] = reviewDocuments([own('c-dongguan.txt')], { extraRules: extra }) as ReviewResult[];
    expect(c!.findings.find((f) => f.rule === 'wording.custom')?.message).toBe('提到“枫桥经验”');
    expect(() =>
      reviewDocuments([], { extraRules: [{ id: 'x', severity: 'error', message: 'm', check: 'nope' }] }),
    ).toThrow(/不存在/);
  });
});
