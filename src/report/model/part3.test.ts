import { describe, expect, it } from 'vitest';
import { indicators } from '../../catalogue/indicators.ts';
import type { IndicatorValue } from '../../core/indicators.ts';
import type { LedgerRecord } from '../../core/records.ts';
import { extractFigures } from '../../review/figures.ts';
import { paraText } from '../render/text.ts';
import { buildReport } from './build.ts';
import type { ReportInputs, ReportModel } from './types.ts';

/** Indicator values with the given figures (records = 1 where a value is given). */
function values(given: Record<string, number>): IndicatorValue[] {
  return indicators.map((i) => ({
    key: i.key,
    label: i.label,
    unit: i.unit,
    value: given[i.key] ?? (i.unit === '%' ? null : 0),
    records: i.key in given ? 1 : 0,
  }));
}

let nextId = 1;
const rec = (
  kind: string,
  date: string,
  title: string,
  data: LedgerRecord['data'],
  endDate: string | null = null,
): LedgerRecord => ({ id: nextId++, townshipId: 7, orgId: null, kind, date, endDate, title, data });

const inputs = (name: string, over: Partial<ReportInputs>): ReportInputs => ({
  org: { name, kind: 'township', countyName: '清河县' },
  year: 2024,
  now: '2025-01-10T01:00:00.000Z',
  current: values({ 'leadership.meetings': 3, 'leadership.reports_heard': 1, 'study.center_group': 2 }),
  previous: null,
  records: [],
  commitments: [],
  ...over,
});

/** Part 3's paragraphs as printed. */
const part3 = (m: ReportModel): string[] => m.sections[2]!.paras.map(paraText);

/** A 街道 whose ledger holds every kind of act by its two principal leaders, and a 分管领导's duty. */
const streetLedger = (): Pick<ReportInputs, 'leaders' | 'records'> => ({
  leaders: [
    rec('principal_leader', '2021-06-01', '周敏', { position: 'secretary' }),
    rec('principal_leader', '2022-03-15', '吴刚', { position: 'head' }),
  ],
  records: [
    rec('leadership_meeting', '2024-02-20', '党工委会专题研究年度法治建设工作要点', {
      meetingType: 'party_committee',
      heardReport: true,
      chair: '周敏',
    }),
    rec('leadership_meeting', '2024-06-11', '街道综治工作推进会', { meetingType: 'other', chair: '钱进' }),
    rec('study_session', '2024-04-09', '党工委理论学习中心组专题学习民法典', {
      sessionType: 'center_group',
      lecturer: '周敏',
      laws: '《中华人民共和国民法典》',
    }),
    rec('lawsuit_hearing', '2024-08-21', '（2024）赣9901行初12号 李某诉柳溪街道办事处行政强制纠纷案', {
      leaderRank: 'principal',
      leaderName: '吴刚',
    }),
    rec('petition_reception', '2024-05-06', '街道信访接待室领导接访日', {
      leader: '吴刚',
      receptionType: 'scheduled',
      visitors: 9,
    }),
    rec('leader_duty', '2024-03-02', '亲自部署街道法治建设年度重点任务', {
      leader: '周敏',
      position: 'secretary',
      action: 'deploy',
    }),
    rec('leader_duty', '2024-07-19', '亲自督办违法建设整治台账销号', {
      leader: '钱进',
      position: 'deputy',
      action: 'supervise',
    }),
    rec('leader_duty', '2024-12-20', '在2024年度党工委班子述职会上专门述法', {
      leader: '周敏',
      position: 'secretary',
      action: 'report_law',
    }),
    rec('leader_duty', '2024-12-23', '在2024年度述职述廉述法会上专门述法，接受述法评议', {
      leader: '吴刚',
      position: 'head',
      action: 'report_law',
    }),
  ],
});

describe('part 3: the principal leaders as 第一责任人', () => {
  it("names a 街道's 党工委书记 and 办事处主任 and what they did themselves, never a 分管领导's duty", () => {
    const m = buildReport(inputs('柳溪街道', streetLedger()));
    const text = part3(m).join('\n');
    expect(text).toContain('党工委书记周敏');
    expect(text).toContain('办事处主任吴刚');
    expect(text).not.toMatch(/(?<!工)党委书记|镇长|乡长/);
    // Chaired meeting, 中心组 lecture, court appearance with its case, petitioners received, duty, 述法.
    expect(text).toContain('“党工委会专题研究年度法治建设工作要点”');
    expect(text).toMatch(/党工委理论学习中心组[^。；]*《中华人民共和国民法典》/);
    expect(text).toMatch(/吴刚[^\n]*出庭应诉[^\n]*（2024）赣9901行初12号 李某诉柳溪街道办事处行政强制纠纷案/);
    expect(text).toMatch(/吴刚[^\n]*9人次/);
    expect(text).toContain('亲自部署街道法治建设年度重点任务');
    expect(text).toContain('在2024年度党工委班子述职会上专门述法');
    expect(text).toContain('接受述法评议');
    // The 分管领导's duty and the meeting he chaired are not the principal leaders'.
    expect(text).not.toContain('钱进');
    expect(text).not.toContain('违法建设整治台账销号');
    expect(text).not.toContain('街道综治工作推进会');
    expect(m.sections[2]!.paras.flatMap((p) => p.inlines).filter((i) => i.t === 'placeholder')).toEqual([]);
    // The leadership's meetings are printed as figures of their indicators.
    const figures = m.sections[2]!.paras.flatMap((p) => p.inlines).flatMap((i) =>
      i.t === 'figure' ? [i] : [],
    );
    expect(figures.map((f) => f.figure.source)).toEqual([
      { op: 'value', key: 'leadership.meetings' },
      { op: 'value', key: 'leadership.reports_heard' },
    ]);
  });

  it('says who led a 镇 over the year, a head who left and the one who came, and marks what is missing', () => {
    const m = buildReport(
      inputs('青石镇', {
        leaders: [
          rec('principal_leader', '2020-01-10', '孙立', { position: 'secretary' }),
          rec('principal_leader', '2019-05-01', '郑海', { position: 'head' }, '2024-04-08'),
          rec('principal_leader', '2024-04-08', '冯玉', { position: 'head' }),
          // Left before the year: not part of it.
          rec('principal_leader', '2015-02-01', '何旧', { position: 'secretary' }, '2020-01-10'),
        ],
        records: [
          rec('leadership_meeting', '2024-03-01', '党委会专题研究法治建设', {
            meetingType: 'party_committee',
            chair: '孙立',
          }),
          // A hearing before the change: the 正职 then in office was 郑海.
          rec('lawsuit_hearing', '2024-02-27', '（2024）赣9901行初3号 王某诉青石镇人民政府行政处罚纠纷案', {
            leaderRank: 'principal',
          }),
          rec('leader_duty', '2024-09-03', '亲自协调土地征收补偿纠纷', {
            leader: '冯玉',
            position: 'head',
            action: 'coordinate',
          }),
        ],
      }),
    );
    const text = part3(m).join('\n');
    expect(text).toContain('党委书记孙立');
    expect(text).toMatch(/镇长郑海（4月离任）和冯玉（4月任职）/);
    expect(text).not.toContain('何旧');
    expect(text).toMatch(/镇长郑海（4月离任）[^\n]*出庭应诉“（2024）赣9901行初3号/);
    expect(text).toMatch(/镇长冯玉（4月任职）[^\n]*亲自协调土地征收补偿纠纷/);
    // No 述法 record: each leader's gap is named.
    for (const who of ['党委书记孙立', '镇长郑海', '镇长冯玉'])
      expect(m.placeholders).toContain(`${who}年终述职中述法的情况（台账中无其述职述法记录）`);
    expect(text).not.toContain('党工委');
  });

  it('marks a missing registry, unheard court appearances and unchaired meetings as gaps, not claims', () => {
    const m = buildReport(
      inputs('白沙乡', {
        records: [
          rec('leadership_meeting', '2024-03-01', '党委会专题研究法治建设', {
            meetingType: 'party_committee',
            chair: '刘副书记',
          }),
          rec('lawsuit_hearing', '2024-06-12', '（2024）赣9901行初8号 赵某诉白沙乡人民政府行政协议纠纷案', {
            leaderRank: 'in_charge',
            leaderName: '刘强',
          }),
          rec('leader_duty', '2024-05-10', '亲自督办信访积案化解', {
            leader: '黄山',
            position: 'secretary',
            action: 'supervise',
          }),
          rec('leader_duty', '2024-05-12', '亲自过问安全生产检查', {
            leader: '刘强',
            position: 'deputy',
            action: 'inquire',
          }),
        ],
      }),
    );
    const text = part3(m).join('\n');
    expect(m.placeholders).toContain(
      '白沙乡党政主要负责人（党委书记、乡长）的姓名及任职情况（台账“党政主要负责人”中无2024年度在任记录）',
    );
    // The acts the ledger records under a principal post still count, under the name recorded.
    expect(text).toMatch(/党委书记黄山[^\n]*亲自督办信访积案化解/);
    expect(text).not.toContain('安全生产检查');
    expect(m.placeholders).toContain(
      '党政主要负责人主持法治建设专题会议的情况（台账专题会议记录的主持人均非党委书记、乡长）',
    );
    expect(m.placeholders).toContain(
      '乡长出庭应诉的情况或未出庭的原因（台账记录的行政诉讼庭审均无党政主要负责人出庭）',
    );
    expect(m.placeholders).toContain('党委书记黄山年终述职中述法的情况（台账中无其述职述法记录）');
  });

  it("prints no count of a leader's own acts that the reviewer would read as a township total", () => {
    const m = buildReport(inputs('柳溪街道', streetLedger()));
    const paras = m.sections[2]!.paras;
    const printed = new Map(
      paras
        .flatMap((p) => p.inlines)
        .flatMap((i) =>
          i.t === 'figure' && i.figure.source.op === 'value' ? [[i.figure.source.key, i.figure.value]] : [],
        ),
    );
    const read = paras.flatMap((p) => extractFigures(paraText(p)));
    expect(read.some((f) => f.key === 'other')).toBe(true);
    for (const f of read.filter((x) => x.key !== 'other')) expect(printed.get(f.key), f.key).toBe(f.value);
  });

  it('varies its phrasing between townships with the same ledger', () => {
    const names = ['柳溪街道', '青石镇', '白沙乡', '红岩镇', '东坪镇', '西岭乡', '南湖街道', '高桥镇'];
    const texts = names.map((name) =>
      part3(buildReport(inputs(name, streetLedger())))
        .join('\n')
        .replaceAll(name, 'X')
        // The organ's own words differ by kind; the phrasing is what is compared.
        .replace(/党工委|党委/g, 'P')
        .replace(/办事处主任|镇长|乡长/g, 'H')
        .replace(/街道办事处|镇政府|乡政府/g, 'G'),
    );
    expect(new Set(texts).size).toBeGreaterThanOrEqual(5);
  });
});
