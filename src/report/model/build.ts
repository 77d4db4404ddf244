import { indicators } from '../../catalogue/indicators.ts';
import type { GroupId } from '../../catalogue/kinds.ts';
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
import { line, placeholder } from './phrase.ts';
import { governmentOutline } from './plans.ts';
import { standingPlans } from './remedies.ts';
import { findShortcomings } from './shortcomings.ts';
import type { AppendixRow, Para, PlanItem, ReportInputs, ReportModel } from './types.ts';

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
  return { inlines: line(text.replace('现将', `${county}现将`)) };
}

const hasData = (c: ReportContext, g: GroupId): boolean =>
  indicators.some((i) => i.group === g && (c.cur.get(i.key)?.records ?? 0) > 0);

function dedupePlans(items: readonly PlanItem[], max: number): PlanItem[] {
  const out: PlanItem[] = [];
  for (const p of items) if (!out.some((q) => q.title === p.title) && out.length < max) out.push(p);
  return out;
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
  const part2: DraftSection = {
    heading: PART_HEADINGS[1],
    paras: [
      {
        inlines: shortcomings.length
          ? line(
              c.pick('part2.open', [
                `${c.year}年，${c.self}法治政府建设取得了一定成效，但对照上级要求和群众期盼，仍存在一些不足：`,
                `在肯定成绩的同时，${c.self}也清醒地认识到，法治政府建设工作还存在一些不足：`,
              ]),
            )
          : line(placeholder('对照年度工作要点查找的存在不足及其原因（台账数据未显示明显不足）')),
      },
    ],
    children: shortcomings.map((s) => ({
      heading: s.heading,
      paras: [{ inlines: line(s.text, '。主要原因是：', s.cause.replace(/。$/, ''), '。') }],
      children: [],
    })),
  };

  const p3 = part3(c);
  const plans = dedupePlans([...shortcomings.map((s) => s.remedy), ...standingPlans(c)], 6);
  const part4: DraftSection = {
    heading: PART_HEADINGS[3],
    paras: [
      {
        inlines: line(
          `${c.year + 1}年，${c.self}将${c.pick('part4.open', ['坚持问题导向，针对上述不足', '以习近平法治思想为指导，对照上级部署'])}，重点抓好以下工作：`,
        ),
      },
    ],
    children: plans.map((p) => ({ heading: p.title, paras: [{ inlines: line(p.text) }], children: [] })),
  };
  const sections = numberSections([
    part1,
    part2,
    { heading: PART_HEADINGS[2], ...p3 },
    part4,
    { heading: PART_HEADINGS[4], paras: [], children: part5(c, partialNote) },
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
    figures,
    plans,
    org: inputs.org.name,
    year: inputs.year,
  };
}
