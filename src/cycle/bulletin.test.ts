import { describe, expect, it } from 'vitest';
import { bodyParagraphs, readDocx, tableRows } from '../report/render/docx-read.ts';
import { MARGIN, PAGE, SIZE, textWidth } from '../report/render/gbt9704.ts';
import { isError, reviewDocuments, type ReviewResult } from '../review/index.ts';
import { bulletinDocx, bulletinTitle, copiedPairs, titleLines, type BulletinInput } from './bulletin.ts';
import { crossCheck } from './crosscheck.ts';
import { LEDGER, REPORT_TEXT } from './testdata/reports.ts';

/** 乙镇's report copies 甲镇's 普法 paragraph word for word; the rest is its own. */
const COPIED =
  '（三）开展普法宣传。开展普法宣传活动36场，普法宣传活动同比增加6场，发放宣传资料5000余份，同比增长12%。组织学法考试2场，参考率100%。';
const YI_TEXT = `乙镇人民政府关于2024年度法治政府建设情况的报告

县委全面依法治县委员会办公室：
一、主要举措和成效
（一）强化领导责任。镇党委书记认真履行推进法治建设第一责任人职责，全年主持召开法治建设专题会议3次，部署法治乡镇创建、行政执法规范化和基层矛盾纠纷化解等重点任务。
（二）推进基层治理。依托综治中心和网格化服务管理，全镇划分网格18个，配备专兼职网格员40名，常态化开展矛盾纠纷排查，做到小事不出村、大事不出镇。
${COPIED}
二、存在的不足和原因
一是执法人员法律素养有待提升，主要原因是培训次数偏少、培训方式单一。
三、下一步工作安排
持续深化法治乡镇建设，抓好“八五”普法收官工作。

乙镇人民政府
2025年1月18日
`;

const batch = reviewDocuments([
  { name: '甲镇.txt', bytes: new TextEncoder().encode(REPORT_TEXT) },
  { name: '乙镇.txt', bytes: new TextEncoder().encode(YI_TEXT) },
]).map((r) => {
  if (isError(r)) throw new Error(r.error);
  return r;
}) as [ReviewResult, ReviewResult];
const [jia, yi] = batch;

const input: BulletinInput = {
  county: '某县',
  year: 2024,
  submitBy: '2025-02-28',
  now: '2025-04-10',
  townships: [
    {
      name: '甲镇',
      state: '已公开',
      submittedAt: '2025-02-20',
      publishedAt: '2025-03-25',
      findings: jia.findings,
      crossFindings: crossCheck(jia, LEDGER),
    },
    {
      name: '乙镇',
      state: '已公开',
      submittedAt: '2025-03-03T01:00:00Z',
      publishedAt: '2025-04-02',
      findings: yi.findings,
      crossFindings: [],
    },
    { name: '丙镇', state: '起草中', submittedAt: null, publishedAt: null, findings: [], crossFindings: [] },
  ],
  similarities: copiedPairs([
    { township: '甲镇', review: jia },
    { township: '乙镇', review: yi },
  ]),
};

describe('bulletinDocx', () => {
  it('finds the copied pair from the reviewer’s similarity', () => {
    expect(input.similarities).toHaveLength(1);
    expect(input.similarities[0]).toMatchObject({ a: '甲镇', b: '乙镇' });
    expect(input.similarities[0]!.chars).toBeGreaterThanOrEqual(40);
  });

  it('writes the title, addressee, parts and the late, missing and mismatched townships', async () => {
    const docx = readDocx(await bulletinDocx(input));
    const paras = bodyParagraphs(docx.document);
    const text = paras.map((p) => p.text);
    const titles = paras.filter((p) => p.xml.includes('<w:pStyle w:val="Title"/>'));
    expect(titles[0]!.text).toBe('关于2024年度各乡镇（街道）法治政府建设年度报告报送和公开情况的通报');
    expect(text).toContain('各乡镇人民政府、街道办事处：');
    const h1 = paras.filter((p) => p.xml.includes('<w:pStyle w:val="Heading1"/>')).map((p) => p.text);
    expect(h1).toEqual(['一、总体情况', '二、主要问题', '三、下一步要求']);
    const all = text.join('\n');
    expect(all).toContain('按期报送1个，逾期报送1个（乙镇），逾期未报送1个（丙镇）');
    expect(all).toContain('乙镇2025年3月3日报送，逾期3天，2025年4月2日公开，逾期2天。丙镇至今未报送。');
    expect(all).toContain('甲镇：报告称“全年共排查矛盾纠纷230件”，台账为227件（差3件）。');
    expect(all).toMatch(/甲镇与乙镇的报告有\d+字相同/);
    expect(all).toContain('（一）核实更正报告数据。甲镇要对照工作台账');
    expect(all).toContain('丙镇要立即报送年度报告；乙镇要向我办书面说明逾期报送的原因');
    expect(all).toContain('甲镇、乙镇要结合本地实际撰写报告');
    // The reviewer's error on 甲镇 (no account of the leader's duty) is named; info findings are not.
    expect(all).toContain('甲镇：缺少党政主要负责人履行推进法治建设第一责任人职责的情况');
    expect(all).not.toContain('其他需要报告的情况”（如无可不写）');
    // 落款: the office over the pending date, highlighted, kept with the last request.
    const sign = text.indexOf('某县全面依法治县委员会办公室');
    const last = paras.findLast((p) => p.text.includes('加强日常台账管理。'))!;
    expect(last.xml).toMatch(/<w:keepNext\/>/);
    expect(text[sign + 1]).toBe('【待定：签发日期】');
    expect(paras[sign + 1]!.xml).toContain('<w:highlight w:val="yellow"/>');
    expect(tableRows(docx.document)[0]!.slice(1)).toEqual([
      ['甲镇', '2025-02-20', '按期', '2025-03-25', '按期', '1项'],
      ['乙镇', '2025-03-03', '逾期', '2025-04-02', '逾期', '—'],
      ['丙镇', '—', '未完成', '—', '未完成', '—'],
    ]);
  });

  it('sets the GB fonts on the East Asian slot and fits the title lines', async () => {
    const docx = readDocx(await bulletinDocx(input));
    for (const f of ['仿宋_GB2312', '黑体', '楷体_GB2312', '方正小标宋简体'])
      expect(docx.styles).toContain(`w:eastAsia="${f}"`);
    const lead = bodyParagraphs(docx.document).find((p) => p.text.startsWith('（一）核实更正报告数据。'))!;
    expect(lead.xml).toMatch(
      /<w:rFonts [^>]*w:eastAsia="楷体_GB2312"[^>]*\/>[\s\S]*<w:t[^>]*>（一）核实更正报告数据。/,
    );
    expect(docx.styles).not.toMatch(/w:eastAsiaTheme/);
    const width = PAGE.width - MARGIN.left - MARGIN.right;
    expect(titleLines(2024).join('')).toBe(bulletinTitle(2024));
    for (const l of titleLines(2024)) expect(textWidth(l, SIZE.title)).toBeLessThanOrEqual(width);
  });

  it('does not call a report late before its deadline', async () => {
    const early = { ...input, now: '2025-02-10', similarities: [] };
    const all = bodyParagraphs(readDocx(await bulletinDocx(early)).document)
      .map((p) => p.text)
      .join('\n');
    expect(all).toContain('截至2025年2月10日');
    expect(all).toContain('尚未报送（未到报送期限）1个（丙镇）');
    expect(all).not.toContain('丙镇要立即报送');
  });
});
