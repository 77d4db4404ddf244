import { indicators } from '../../catalogue/indicators.ts';
import { groups, type GroupId } from '../../catalogue/kinds.ts';
import { todayOf } from '../../core/dates.ts';
import type { AreaWriter, DraftSection } from './area-types.ts';
import {
  enforcementArea,
  legalArea,
  decisionsArea,
  litigationArea,
  disclosureArea,
  safetyArea,
} from './areas-admin.ts';
import { governanceArea, petitionsArea } from './areas-order.ts';
import { leadershipArea, publicityArea, studyArea } from './areas-people.ts';
import { ReportContext, formatNumber } from './context.ts';
import { bodyParas, collect, numberSections } from './numbering.ts';
import { part3 } from './part3.ts';
import { part5 } from './part5.ts';
import { chineseNumber, enumerate, hash, line, placeholder } from './phrase.ts';
import { governmentOutline } from './plans.ts';
import { standingPlans } from './remedies.ts';
import { findShortcomings, RARE_AREAS } from './shortcomings.ts';
import type { AppendixRow, Inline, Para, PlanItem, ReportInputs, ReportModel } from './types.ts';

/** Part 1's writers in the catalogue's group order. */
export const areaWriters: readonly AreaWriter[] = [
  leadershipArea,
  studyArea,
  publicityArea,
  governanceArea,
  petitionsArea,
  enforcementArea,
  legalArea,
  decisionsArea,
  litigationArea,
  disclosureArea,
  safetyArea,
];

/** The five statutory parts (法治政府建设与责任落实督察工作规定 第25条). */
export const PART_HEADINGS = [
  '主要举措和成效',
  '存在的不足和原因',
  '党政主要负责人履行推进法治建设第一责任人职责情况',
  '下一年度推进法治政府建设的主要安排',
  '其他需要报告的情况',
] as const;

export const chineseDate = (d: string): string =>
  `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/** The issuing organ: 甲镇 → 甲镇人民政府, 乙街道 → 乙街道办事处. */
export function organName(name: string): string {
  if (/(人民政府|办事处)$/.test(name)) return name;
  return name.endsWith('街道') ? `${name}办事处` : `${name}人民政府`;
}

function addressee(inputs: ReportInputs): string {
  if (inputs.org.kind === 'county') return '市委全面依法治市委员会：';
  const county = inputs.org.countyName;
  if (!county) return '县委全面依法治县委员会：';
  const unit = county.endsWith('区') ? '区' : county.endsWith('市') ? '市' : '县';
  return `${county}委全面依法治${unit}委员会：`;
}

function intro(c: ReportContext): Para {
  const superior =
    c.inputs.org.kind === 'county'
      ? '市委、市政府'
      : (c.inputs.org.countyName ?? '').endsWith('区')
        ? '区委、区政府'
        : '县委、县政府';
  const thought = c.year >= 2021 ? '深入学习贯彻习近平法治思想' : '全面贯彻依法治国基本方略';
  const outline = governmentOutline(c.year);
  const text = c.pick('intro', [
    `${c.year}年，${c.self}在${superior}的坚强领导下，坚持以习近平新时代中国特色社会主义思想为指导，${thought}，${outline ? `认真落实${outline}，` : ''}扎实推进法治政府建设各项工作。现将有关情况报告如下：`,
    `${c.year}年，${c.self}${thought}，紧紧围绕建设法治政府的目标，${outline ? `对照${outline}要求，` : ''}把依法行政贯穿于经济社会发展各项工作。现将${c.year}年度法治政府建设情况报告如下：`,
    `${c.year}年，在${superior}的领导下，${c.self}${thought}，统筹推进依法行政、普法宣传和基层依法治理，${outline ? `推动${outline}各项任务落地，` : ''}为${c.whole}经济社会发展提供法治保障。现将有关情况报告如下：`,
  ]);
  const county = c.inputs.org.kind === 'county' ? `本报告数据由${c.whole}各乡镇（街道）工作台账汇总。` : '';
  const [before, after] = text.split('现将');
  return { inlines: line(before, headline(c), county, `现将${after ?? ''}`) };
}

/** The year in three of its own figures, for the opening: what this township did, not any township. */
const HEADLINES: readonly (readonly [string, string])[] = [
  ['leadership.meetings', '专题研究法治建设'],
  ['study.sessions', '组织集中学法和法治培训'],
  ['publicity.events', '开展普法宣传活动'],
  ['disputes.resolved', '化解矛盾纠纷'],
  ['legal.reviews', '开展合法性审查'],
  ['enforcement.inspections', '开展执法检查'],
  ['petitions.cases', '依法办理信访事项'],
];

function headline(c: ReportContext): Inline[] {
  const have = HEADLINES.filter(([k]) => c.has(k));
  if (have.length < 2) return [];
  const start = hash(`${c.seed}|headline`) % have.length;
  const chosen = [...have.slice(start), ...have.slice(0, start)].slice(0, 3);
  const parts = chosen.flatMap(([k, verb], i) => line(i > 0 ? '、' : '', verb, c.fig(k)));
  return line(c.pick('intro.headline', ['全年', '一年来，', '年内']), parts, '。');
}

const hasData = (c: ReportContext, g: GroupId): boolean =>
  indicators.some((i) => i.group === g && (c.cur.get(i.key)?.records ?? 0) > 0);

/** Plans without repeats: one item per title and per area, the township's own first. */
function dedupePlans(items: readonly PlanItem[], max: number): PlanItem[] {
  const out: PlanItem[] = [];
  for (const p of items)
    if (
      !out.some((q) => q.title === p.title || (q.area === p.area && p.area !== 'planning')) &&
      out.length < max
    )
      out.push(p);
  return out;
}

/** Words in a commitment's title that place it in a work area, when its area field does not. */
const AREA_WORDS: readonly (readonly [RegExp, GroupId])[] = [
  [/学法|考试|中心组/, 'study'],
  [/普法|法律明白人|示范户|宣传/, 'publicity'],
  [/纠纷|调解|网格|枫桥/, 'governance'],
  [/信访|接访/, 'petitions'],
  [/执法|处罚|持证/, 'enforcement'],
  [/审查|法律顾问|合同/, 'legal'],
  [/决策/, 'decisions'],
  [/应诉|出庭|复议/, 'litigation'],
  [/公开/, 'disclosure'],
  [/安全|应急/, 'safety'],
  [/第一责任人|汇报|专题研究/, 'leadership'],
];

/** A commitment's work area: its area field (a group id or label), else the words of its title. */
function areaOf(r: { readonly title: string; readonly data: Readonly<Record<string, unknown>> }): GroupId {
  const a = typeof r.data.area === 'string' ? r.data.area.trim() : '';
  if (a in groups) return a as GroupId;
  const byLabel = (Object.keys(groups) as GroupId[]).find((g) => groups[g] === a);
  if (byLabel) return byLabel;
  return AREA_WORDS.find(([re]) => re.test(r.title))?.[1] ?? 'planning';
}

/**
 * Next year's commitments the township has already recorded, as part 4 items. A commitment
 * without its own measures takes those of the remedy or standing plan of its area, if any.
 */
function ownPlans(c: ReportContext, fallback: readonly PlanItem[]): PlanItem[] {
  return [...(c.inputs.nextCommitments ?? [])]
    .sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id)
    .map((r) => {
      const [head = r.title, ...rest] = r.title.split('：');
      const area = areaOf(r);
      const title = head.replace(/[。；，]$/, '');
      const measures = fallback.find((p) => p.area === area)?.text ?? '';
      return { area, title, text: rest.length ? rest.join('：').replace(/。?$/, '。') : measures };
    });
}

/** Part 4: the township's own commitments, then remedies for shortcomings they leave unanswered, then standing items. */
function part4Plans(c: ReportContext, remedies: readonly PlanItem[]): { plans: PlanItem[]; own: number } {
  const standing = standingPlans(c);
  const own = ownPlans(c, [...remedies, ...standing]);
  const covered = (p: PlanItem, list: readonly PlanItem[]) =>
    list.some((q) => q.title === p.title || (q.area === p.area && p.area !== 'planning'));
  const answers = dedupePlans(
    remedies.filter((p) => !covered(p, own)),
    3,
  );
  const base = [...own, ...answers];
  const fill = standing.filter((p) => !covered(p, base)).slice(0, Math.max(0, 6 - base.length));
  return { plans: [...base, ...fill], own: own.length };
}

/** Part 4's lead-in, saying where its items come from. */
function part4Open(c: ReportContext, own: number, shortcomings: number, plans: readonly PlanItem[]): string {
  const next = c.year + 1;
  const lead = plans[0]?.title ?? '';
  if (own > 0)
    return c.pick('part4.own', [
      `${next}年，${c.self}已研究确定${chineseNumber(own)}项重点工作${shortcomings > 0 ? '，并针对上述不足' : ''}，以${lead}为首，重点抓好以下工作：`,
      `围绕已确定的${next}年度${chineseNumber(own)}项工作安排${shortcomings > 0 ? `和上述${chineseNumber(shortcomings)}方面不足` : ''}，${c.self}将从${lead}入手，重点抓好以下工作：`,
    ]);
  return c.pick('part4.open', [
    `${next}年，${c.self}将${shortcomings > 0 ? `针对上述${chineseNumber(shortcomings)}方面不足` : '对照上级部署'}，重点抓好以下工作：`,
    `${next}年，${c.self}${shortcomings > 0 ? `把解决上述${chineseNumber(shortcomings)}方面问题作为重点` : '以习近平法治思想为指导'}，着力抓好以下工作：`,
  ]);
}

/** The public table's 增减 column: percent for counts, percentage points for rates. */
function changeText(cur: number | null, prev: number | null, unit: string): string {
  if (cur == null || prev == null) return '—';
  if (unit === '%') {
    const d = Math.round((cur - prev) * 10) / 10;
    return d === 0 ? '持平' : `${d > 0 ? '+' : '-'}${formatNumber(Math.abs(d))}个百分点`;
  }
  if (cur === prev) return '持平';
  if (prev === 0) return '新增';
  const pct = Math.round(((cur - prev) / prev) * 1000) / 10;
  return pct === 0 ? '持平' : `${pct > 0 ? '+' : '-'}${formatNumber(Math.abs(pct))}%`;
}

/** Builds the report model: pure, from indicator values, selected records and commitments. */
export function buildReport(inputs: ReportInputs): ReportModel {
  const c = new ReportContext(inputs);
  const today = todayOf(inputs.now);
  const yearEnd = `${inputs.year}-12-31`;
  const partial = today < yearEnd;
  const empty =
    inputs.current.every((v) => v.records === 0) &&
    inputs.records.length === 0 &&
    inputs.commitments.length === 0;
  const notices: Para[] = [];
  if (empty)
    notices.push({
      inlines: line(
        placeholder(
          `台账中没有${c.self}${c.year}年度的任何工作记录，以下为按法定结构生成的空白草稿，各部分内容均须补充核实后方可使用`,
        ),
      ),
    });
  if (partial)
    notices.push({
      inlines: line(
        placeholder(
          `本草稿生成于${chineseDate(today)}，${c.year}年度尚未结束，文中数据为阶段性数据，定稿前须按全年台账更新`,
        ),
      ),
    });
  const partialNote = partial ? `本报告所列数据截至${chineseDate(today)}，为阶段性数据。` : null;

  const written = areaWriters
    .filter((w) => hasData(c, w.group))
    .map((w) => ({ w, paras: w.write(c) }))
    .filter((x) => x.paras.length > 0);
  const emptyAreas = areaWriters.map((w) => w.group).filter((g) => !written.some((x) => x.w.group === g));
  const part1: DraftSection = {
    heading: PART_HEADINGS[0],
    paras: written.length
      ? []
      : [{ inlines: line(placeholder(`${c.year}年度推进法治政府建设的主要举措和成效`)) }],
    children: written.map(({ w, paras }) => ({
      heading: c.pick(`heading.${w.group}`, w.headings),
      paras,
      children: [],
    })),
  };

  const shortcomings = findShortcomings(
    c,
    emptyAreas,
    partial ? today : yearEnd,
    partial ? chineseDate(today) : '年底',
  );
  const [first, second] = shortcomings;
  const part2: DraftSection = {
    heading: PART_HEADINGS[1],
    paras: [
      {
        inlines: first
          ? line(
              c.pick('part2.open', [
                `对照台账数据查找，${c.self}${c.year}年法治政府建设工作主要存在${chineseNumber(shortcomings.length)}方面的不足，其中“${first.heading}”最为突出${second ? `，“${second.heading}”次之` : ''}：`,
                `${c.self}${c.year}年度台账反映出${chineseNumber(shortcomings.length)}方面的不足，按轻重排列如下，首要的是${first.heading}${second ? `，其次是${second.heading}` : ''}：`,
                `梳理${c.year}年度工作台账，${c.self}在${enumerate(shortcomings.slice(0, 3).map((s) => s.heading))}${shortcomings.length > 3 ? `等${chineseNumber(shortcomings.length)}个` : ''}方面还有差距：`,
              ]),
            )
          : line(placeholder('对照年度工作要点查找的存在不足及其原因（台账数据未显示明显不足）')),
      },
    ],
    children: [
      ...shortcomings.map((s) => ({
        heading: s.heading,
        paras: [{ inlines: line(s.text, '。主要原因是：', s.cause, '。') }],
        children: [],
      })),
      ...(c.inputs.overrides?.shortcomings ?? []).map((s) => ({
        heading: s.heading.replace(/[。；，]$/, ''),
        paras: [
          {
            inlines: line(
              s.text.replace(/。$/, ''),
              '。主要原因是：',
              s.cause ? s.cause.replace(/。$/, '') : placeholder('该项不足的原因'),
              '。',
            ),
          },
        ],
        children: [],
      })),
    ],
  };

  const p3 = part3(c);
  const { plans, own } = part4Plans(
    c,
    shortcomings.map((s) => s.remedy),
  );
  const part4: DraftSection = {
    heading: PART_HEADINGS[3],
    paras: [{ inlines: line(part4Open(c, own, shortcomings.length, plans)) }],
    children: plans.map((p) => ({
      heading: p.title,
      paras: [{ inlines: p.text ? line(p.text) : line(placeholder('具体措施、责任单位和完成时限')) }],
      children: [],
    })),
  };
  const sections = numberSections([
    part1,
    part2,
    { heading: PART_HEADINGS[2], ...p3 },
    part4,
    {
      heading: PART_HEADINGS[4],
      paras: [],
      children: part5(
        c,
        partialNote,
        emptyAreas.filter((g) => RARE_AREAS.includes(g)),
      ),
    },
  ]);

  const head = { notices, intro: intro(c), sections };
  const { figures, placeholders } = collect(bodyParas(head));
  const used = new Set(figures.map((f) => f.source.key));
  const rows: AppendixRow[] = indicators
    .filter((i) => used.has(i.key) || (c.cur.get(i.key)?.records ?? 0) > 0)
    .map((i) => {
      const v = c.cur.get(i.key)?.value ?? null;
      const p = c.prev.get(i.key)?.value ?? null;
      return {
        key: i.key,
        label: i.label,
        value: v == null ? '—' : formatNumber(v),
        previous: p == null ? '—' : formatNumber(p),
        change: changeText(v, p, i.unit),
        unit: i.unit,
        basis: i.basis,
        records: c.cur.get(i.key)?.records ?? 0,
      };
    });
  const organ = organName(inputs.org.name);
  const doc = inputs.document ?? {};
  const colophon =
    (doc.cc?.length ?? 0) > 0 || doc.printedBy || doc.printedOn
      ? { cc: [...(doc.cc ?? [])], printedBy: doc.printedBy ?? null, printedOn: doc.printedOn ?? null }
      : null;
  return {
    title: [`${organ}关于${inputs.year}年度`, '法治政府建设情况的报告'],
    addressee: addressee(inputs),
    ...head,
    closing: '特此报告。',
    attachmentNote: '附件：主要工作指标',
    signature: { organ, date: doc.date ? chineseDate(doc.date) : null },
    colophon,
    appendix: { title: '主要工作指标', rows },
    placeholders: doc.date ? placeholders : [...placeholders, '签发日期'],
    shortcomings: shortcomings.map((s) => ({
      id: s.id,
      heading: s.heading,
      causeGiven: Boolean(inputs.overrides?.causes?.[s.id] ?? inputs.overrides?.causes?.[s.type]),
    })),
    figures,
    plans,
    org: inputs.org.name,
    year: inputs.year,
  };
}
