import type { LedgerRecord } from '../../core/records.ts';
import { paras, type AreaPara, type DraftSection } from './area-types.ts';
import type { ReportContext } from './context.ts';
import { optionLabel } from './labels.ts';
import { clauses, enumerate, examples, line, ordinal, placeholder, quoted, sentence } from './phrase.ts';
import type { Inline } from './types.ts';

/**
 * Part 3: how the 党政主要负责人 (党委书记 and 镇长/乡长; in a 街道 the 党工委书记 and 办事处主任)
 * fulfilled their duty as 第一责任人 for rule-of-law work. Who they are comes from the
 * `principal_leader` registry; what they did is what the ledger records under their own names:
 * meetings chaired, 中心组 lectures, court appearances, petitioners received, their own 部署/过问/
 * 协调/督办 and their 述法. A 分管领导's acts belong to part 1, never here. What the ledger does
 * not show becomes a placeholder naming what is missing.
 *
 * Counts of a leader's own acts are plain numbers, each in a clause of its own with no word the
 * reviewer reads as an indicator's (专题会议, 中心组, 接访…), so they are not taken for the
 * township's totals; the totals are Figure inlines.
 */

type Position = 'secretary' | 'head';

/** One principal leader in office for some of the year. */
interface Leader {
  readonly name: string;
  readonly position: Position;
  readonly townshipId: number;
  /** 任职日期; '' when the leader is known only from the acts recorded. */
  readonly from: string;
  /** 离任日期 (the first day out of office), or null. */
  readonly to: string | null;
}

/** What the ledger records a leader did in person. */
interface Acts {
  readonly meetings: LedgerRecord[];
  readonly centerGroup: LedgerRecord[];
  readonly lectures: LedgerRecord[];
  readonly hearings: LedgerRecord[];
  readonly receptions: LedgerRecord[];
  readonly duties: LedgerRecord[];
  readonly reportsLaw: LedgerRecord[];
}

const DUTY_ACTIONS = [
  ['deploy', '部署'],
  ['inquire', '过问'],
  ['coordinate', '协调'],
  ['supervise', '督办'],
] as const;

/** The organ's words: a 街道 has a 党工委 and an 办事处, a 镇 or 乡 a 党委 and a government. */
interface Words {
  readonly street: boolean;
  readonly party: string;
  readonly secretary: string;
  readonly head: string;
  readonly gov: string;
  /** 镇, 乡, 街 (as in 全面依法治镇委员会). */
  readonly unit: string;
}

function words(c: ReportContext): Words {
  const street = c.whole === '全街道';
  if (c.inputs.org.kind === 'county')
    return {
      street: false,
      party: '县委',
      secretary: '县委书记',
      head: c.headTitle,
      gov: '县政府',
      unit: '县',
    };
  const unit = street ? '街' : c.whole.slice(1);
  return {
    street,
    party: street ? '党工委' : '党委',
    secretary: street ? '党工委书记' : '党委书记',
    head: street ? '办事处主任' : c.headTitle,
    gov: street ? '街道办事处' : `${unit}政府`,
    unit,
  };
}

const title = (w: Words, p: Position): string => (p === 'secretary' ? w.secretary : w.head);

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

const inOffice = (l: Leader, date: string): boolean => l.from <= date && (l.to === null || date < l.to);

/** The registry's leaders, secretaries first, each position in order of taking office. */
function registryLeaders(c: ReportContext): Leader[] {
  const [first, last] = [`${c.year}-01-01`, `${c.year}-12-31`];
  return (c.inputs.leaders ?? [])
    .filter((r) => r.data.position === 'secretary' || r.data.position === 'head')
    .filter((r) => r.date <= last && (r.endDate === null || r.endDate > first))
    .map((r): Leader => ({
      name: r.title.trim(),
      position: r.data.position as Position,
      townshipId: r.townshipId,
      from: r.date,
      to: r.endDate,
    }))
    .filter((l) => l.name !== '')
    .sort(
      (a, b) =>
        a.townshipId - b.townshipId ||
        (a.position === b.position ? 0 : a.position === 'secretary' ? -1 : 1) ||
        a.from.localeCompare(b.from),
    );
}

/** Without a registry, the leaders the acts name: 第一责任人履职 of a 书记 or 主要负责人, 正职 in court. */
function inferredLeaders(c: ReportContext): Leader[] {
  const out: Leader[] = [];
  const add = (name: string, position: Position, townshipId: number): void => {
    if (name !== '' && !out.some((l) => l.name === name && l.townshipId === townshipId))
      out.push({ name, position, townshipId, from: '', to: null });
  };
  for (const r of c.records('leader_duty'))
    if (r.data.position === 'secretary' || r.data.position === 'head')
      add(text(r.data.leader), r.data.position, r.townshipId);
  for (const r of c.records('lawsuit_hearing', (x) => x.data.leaderRank === 'principal'))
    add(text(r.data.leaderName), 'head', r.townshipId);
  return out.sort(
    (a, b) =>
      a.townshipId - b.townshipId || (a.position === b.position ? 0 : a.position === 'secretary' ? -1 : 1),
  );
}

/** Attributes the year's acts to the leaders: by the name recorded, else by post and date. */
function attribute(c: ReportContext, leaders: readonly Leader[]): Map<Leader, Acts> {
  const acts = new Map<Leader, Acts>(
    leaders.map((l) => [
      l,
      {
        meetings: [],
        centerGroup: [],
        lectures: [],
        hearings: [],
        receptions: [],
        duties: [],
        reportsLaw: [],
      },
    ]),
  );
  const named = (r: LedgerRecord, field: string): Leader | undefined => {
    const v = text(r.data[field]);
    return v === '' ? undefined : leaders.find((l) => l.townshipId === r.townshipId && v.includes(l.name));
  };
  const holder = (r: LedgerRecord, p: Position): Leader | undefined =>
    leaders.find(
      (l) => l.townshipId === r.townshipId && l.position === p && (l.from === '' || inOffice(l, r.date)),
    );
  for (const r of c.records('leadership_meeting')) {
    const l = named(r, 'chair');
    if (l) acts.get(l)!.meetings.push(r);
  }
  for (const r of c.records('study_session')) {
    const l = named(r, 'lecturer');
    if (l) (r.data.sessionType === 'center_group' ? acts.get(l)!.centerGroup : acts.get(l)!.lectures).push(r);
  }
  for (const r of c.records('lawsuit_hearing', (x) => x.data.leaderRank !== 'none')) {
    const l = named(r, 'leaderName') ?? (r.data.leaderRank === 'principal' ? holder(r, 'head') : undefined);
    if (l) acts.get(l)!.hearings.push(r);
  }
  for (const r of c.records('petition_reception')) {
    const l = named(r, 'leader');
    if (l) acts.get(l)!.receptions.push(r);
  }
  // A 分管领导's duty is never the principal leaders', whatever name it carries.
  for (const r of c.records('leader_duty', (x) => x.data.position !== 'deputy')) {
    const p = r.data.position === 'head' ? 'head' : 'secretary';
    const l = named(r, 'leader') ?? holder(r, p);
    if (!l) continue;
    (r.data.action === 'report_law' ? acts.get(l)!.reportsLaw : acts.get(l)!.duties).push(r);
  }
  return acts;
}

/** "（3月任职）" / "（9月离任）" for a leader who came or left during the year. */
function tenure(c: ReportContext, l: Leader): string {
  const month = (d: string): string => `${Number(d.slice(5, 7))}月`;
  const notes: string[] = [];
  if (l.from > `${c.year}-01-01`) notes.push(`${month(l.from)}任职`);
  if (l.to !== null && l.to <= `${c.year}-12-31`) notes.push(`${month(l.to)}离任`);
  return notes.length > 0 ? `（${notes.join('，')}）` : '';
}

/** 党委书记张三、镇长王五（3月离任）和李四（3月任职）. */
function whoList(c: ReportContext, w: Words, leaders: readonly Leader[]): string {
  const part = (p: Position): string => {
    const ls = leaders.filter((l) => l.position === p);
    return ls.length === 0 ? '' : `${title(w, p)}${ls.map((l) => `${l.name}${tenure(c, l)}`).join('和')}`;
  };
  return [part('secretary'), part('head')].filter(Boolean).join('、');
}

/** The words for the meeting types a leader chaired: 党工委会议, 办事处主任办公会议… */
function meetingWords(w: Words, rs: readonly LedgerRecord[]): string {
  const word = (t: unknown): string =>
    ({
      party_committee: `${w.party}会议`,
      government: w.street ? '办事处主任办公会议' : `${w.gov}常务会议`,
      joint: '党政联席会议',
      committee: `全面依法治${w.unit}委员会会议`,
    })[String(t)] ?? '';
  return enumerate(rs.map((r) => word(r.data.meetingType)).filter(Boolean));
}

/** Titles that repeat the verb (亲自部署…) lose it: the sentence says it once. */
const bare = (t: string): string => t.replace(/^(亲自)?(部署|过问|协调|督办)/, '');

/** Laws studied: the records' 学习法律法规, else their titles in quotes; two at most. */
function lawsOf(rs: readonly LedgerRecord[]): string {
  const laws = [
    ...new Set(
      rs.flatMap((r) =>
        text(r.data.laws)
          .split(/[、，,；;]/)
          .map((s) => s.trim()),
      ),
    ),
  ].filter(Boolean);
  if (laws.length === 0)
    return examples(
      rs.map((r) => r.title),
      '专题',
      2,
    );
  const shown = laws.slice(0, 2);
  // Titles in 《》 follow each other without 、 (GB/T 15834-2011).
  const joined = shown.every((x) => /^《.*》$/.test(x)) ? shown.join('') : enumerate(shown);
  return joined + (laws.length > 2 ? '等' : '');
}

/** The items of one leader's paragraph, each a clause list without its ordinal. */
function items(c: ReportContext, w: Words, l: Leader, a: Acts, slot: string): Inline[][] {
  const out: Inline[][] = [];
  const duties = DUTY_ACTIONS.flatMap(([action, verb]) => {
    const rs = a.duties.filter((r) => r.data.action === action);
    return rs.length === 0
      ? []
      : [`亲自${verb}${enumerate(rs.map((r) => bare(r.title)))}${rs.length > 1 ? '等工作' : ''}`];
  });
  if (duties.length > 0) out.push(line(duties.join('，')));

  if (a.meetings.length > 0) {
    const k = a.meetings.length;
    const kinds = meetingWords(w, a.meetings);
    const topics = examples(
      a.meetings.map((r) => r.title),
      '议题',
      2,
    );
    out.push(
      line(
        c.pick(`${slot}.meet`, [
          `${kinds || '专题会议'}研究法治建设工作时，${k > 1 ? `先后${k}次` : ''}由其亲自主持，审议${topics}`,
          `带头抓法治建设议事决策，${k > 1 ? `${k}次` : ''}亲自主持召开${kinds || '专题会议'}，研究${topics}`,
          `${kinds || '专题会议'}讨论法治建设事项时亲自主持，研究${topics}`,
        ]),
      ),
    );
  }

  if (a.centerGroup.length > 0 || a.lectures.length > 0) {
    const parts: string[] = [];
    if (a.centerGroup.length > 0) {
      const k = a.centerGroup.length;
      parts.push(
        c.pick(`${slot}.study`, [
          `带头尊法学法，在${w.party}理论学习中心组学法中带领班子成员学习${lawsOf(a.centerGroup)}${k > 1 ? `，先后${k}次担任主讲人` : '并担任主讲人'}`,
          `${w.party}理论学习中心组学法时亲自领学，内容包括${lawsOf(a.centerGroup)}${k > 1 ? `，${k}次登台主讲` : ''}`,
        ]),
      );
    }
    if (a.lectures.length > 0) {
      const kinds = enumerate(
        a.lectures.map((r) => optionLabel('study_session', 'sessionType', r.data.sessionType) ?? '学法活动'),
      );
      parts.push(`还在${kinds}中为干部授课`);
    }
    out.push(line(parts.join('，')));
  }

  if (a.hearings.length > 0) {
    const cases = quoted(
      a.hearings.map((r) => r.title),
      2,
    );
    const k = a.hearings.length;
    out.push(
      line(
        c.pick(`${slot}.court`, [
          `作为行政机关负责人出庭应诉${cases}${cases.endsWith('等') ? '案件' : ''}${k > 1 ? `，到庭${k}次` : ''}`,
          `带头落实行政机关负责人出庭应诉制度，亲自出席${cases}${cases.endsWith('等') ? '案件' : ''}庭审`,
        ]),
      ),
    );
  }

  if (a.receptions.length > 0) {
    const k = a.receptions.length;
    const visitors = a.receptions.reduce(
      (s, r) => s + (typeof r.data.visitors === 'number' ? r.data.visitors : 0),
      0,
    );
    const ways = enumerate(
      a.receptions.map(
        (r) => optionLabel('petition_reception', 'receptionType', r.data.receptionType) ?? '接访',
      ),
    );
    out.push(
      line(
        c.pick(`${slot}.visit`, [
          `坚持领导干部接访下访，${k > 1 ? `${k}次` : ''}通过${ways}亲自接访${visitors > 0 ? `，当面倾听${visitors}人次群众诉求` : ''}`,
          `通过${ways}亲自接待群众${visitors > 0 ? `，面对面倾听${visitors}人次群众诉求` : ''}`,
        ]),
      ),
    );
  }

  const who = `${title(w, l.position)}${l.name}`;
  if (a.reportsLaw.length > 0) {
    const said = a.reportsLaw.map((r) => r.title.replace(/[。；]$/, ''));
    out.push(
      line(c.pick(`${slot}.law`, [said.join('；'), `落实党政主要负责人年终述法要求，${said.join('；')}`])),
    );
  } else {
    out.push(line(placeholder(`${who}年终述职中述法的情况（台账中无其述职述法记录）`)));
  }
  return out;
}

/** One leader's paragraph: who, then what they did, as 一是…二是… or in one run. */
function leaderPara(c: ReportContext, w: Words, l: Leader, a: Acts, extra: readonly Inline[][]): AreaPara {
  const who = `${title(w, l.position)}${l.name}${tenure(c, l)}${c.inputs.org.kind === 'county' ? townshipOf(c, l) : ''}`;
  const slot = `part3.${l.position}`;
  const list = [...items(c, w, l, a, slot), ...extra];
  const done = list.some((i) => i.some((x) => x.t !== 'placeholder'));
  if (!done)
    list.unshift(
      line(
        placeholder(
          `${title(w, l.position)}${l.name}本人部署、主持、学法、出庭、接访等履职事例（台账中未记录由其本人完成的事项）`,
        ),
      ),
    );
  const open =
    l.position === 'secretary'
      ? c.pick(`${slot}.open`, [
          `${who}切实扛起推进法治建设第一责任人职责`,
          `${who}作为推进法治建设第一责任人，坚持把法治建设与中心工作同部署、同推进`,
          `${who}履行党委（党工委）主要负责人抓法治建设的领导责任`.replace('党委（党工委）', w.party),
        ])
      : c.pick(`${slot}.open`, [
          `${who}认真履行${w.gov}推进法治政府建设第一责任人职责`,
          `${who}牵头抓好法治政府建设各项任务`,
          `${who}坚持依法行政，带头履行法治政府建设职责`,
        ]);
  const numbered = list.length > 1 && c.pick('part3.style', [true, false]);
  const body: Inline[] = [];
  list.forEach((i, n) => {
    body.push(...line(n === 0 ? (numbered ? '：' : '，') : '；', numbered ? ordinal(n + 1) : '', i));
  });
  return { inlines: line(open, body, '。') };
}

const townshipOf = (c: ReportContext, l: Leader): string => {
  const name = c.inputs.townshipNames?.[l.townshipId];
  return name ? `（${name}）` : '';
};

/** The opening paragraph: who the principal leaders are, and the year's figures on the leadership's meetings. */
function intro(c: ReportContext, w: Words, leaders: readonly Leader[], fromRegistry: boolean): AreaPara {
  const county = c.inputs.org.kind === 'county';
  const who = county ? '' : whoList(c, w, leaders);
  const missing = county
    ? placeholder(
        `${c.self}党政主要负责人（${w.secretary}、${w.head}）履行推进法治建设第一责任人职责的情况（乡镇台账不记录县级领导履职）`,
      )
    : !fromRegistry
      ? placeholder(
          `${c.self}党政主要负责人（${w.secretary}、${w.head}）的姓名及任职情况（台账“党政主要负责人”中无${c.year}年度在任记录）`,
        )
      : null;
  const head = missing
    ? line(
        missing,
        who ? `${c.pick('part3.inferred', ['。台账中', '。'])}以第一责任人身份履职的有${who}` : '',
      )
    : line(
        c.pick('part3.intro', [
          `${c.year}年，${c.self}${who}履行推进法治建设第一责任人职责`,
          `${c.self}党政主要负责人${who}是推进法治建设第一责任人`,
          `${c.year}年，${who}作为${c.self}推进法治建设第一责任人，对法治建设负总责、亲自抓`,
        ]),
      );
  const meetings = c.has('leadership.meetings')
    ? line(`全年${w.party}、${w.gov}专题研究法治建设`, c.fig('leadership.meetings'))
    : null;
  const heard = c.has('leadership.reports_heard')
    ? line('听取法治政府建设工作汇报', c.fig('leadership.reports_heard'))
    : null;
  return { inlines: line(head, '。', sentence(meetings, heard)) };
}

/** A county's townships' leaders in brief: whose 述法 and court appearances the ledgers show. */
function countySummary(c: ReportContext, acts: ReadonlyMap<Leader, Acts>): AreaPara | null {
  const all = [...acts.entries()];
  const spoke = new Set(all.filter(([, a]) => a.reportsLaw.length > 0).map(([l]) => l.townshipId));
  const court = all.filter(([, a]) => a.hearings.length > 0);
  const chair = all.filter(([, a]) => a.meetings.length > 0);
  const name = (l: Leader): string => {
    const town = c.inputs.townshipNames?.[l.townshipId] ?? '';
    const street = town.endsWith('街道');
    const post =
      l.position === 'secretary'
        ? street
          ? '党工委书记'
          : '党委书记'
        : street
          ? '办事处主任'
          : town.endsWith('乡')
            ? '乡长'
            : '镇长';
    return `${town}${post}${l.name}`;
  };
  const text = clauses(
    chair.length > 0
      ? line(`${enumerate(chair.slice(0, 3).map(([l]) => name(l)))}等亲自主持法治建设专题会议`)
      : null,
    court.length > 0
      ? line(
          `${enumerate(court.slice(0, 3).map(([l]) => name(l)))}${court.length > 3 ? '等' : ''}作为行政机关负责人出庭应诉`,
        )
      : null,
    spoke.size > 0 ? line(`有${spoke.size}个乡镇（街道）的党政主要负责人在年终述职中专门述法`) : null,
  );
  return text.length > 0 ? { inlines: line('各乡镇（街道）党政主要负责人中，', text, '。') } : null;
}

export function part3(c: ReportContext): { paras: AreaPara[]; children: DraftSection[] } {
  const w = words(c);
  const registry = registryLeaders(c);
  const leaders = registry.length > 0 ? registry : inferredLeaders(c);
  const acts = attribute(c, leaders);
  const county = c.inputs.org.kind === 'county';
  const first = intro(c, w, leaders, registry.length > 0);
  if (county) return { paras: paras(first, countySummary(c, acts)), children: [] };

  // What no leader's acts show, said once, in the paragraph of the leader it falls to.
  const chairedAny = [...acts.values()].some((a) => a.meetings.length > 0);
  const hearings = c.records('lawsuit_hearing');
  const inCourt = [...acts.values()].some((a) => a.hearings.length > 0);
  const gapMeet = chairedAny
    ? null
    : line(
        placeholder(
          c.records('leadership_meeting').length > 0
            ? `党政主要负责人主持法治建设专题会议的情况（台账专题会议记录的主持人均非${w.secretary}、${w.head}）`
            : `党政主要负责人主持召开法治建设专题会议的情况（台账中无${c.year}年度法治建设专题会议记录）`,
        ),
      );
  const gapCourt =
    hearings.length > 0 && !inCourt
      ? line(
          placeholder(
            `${w.head}出庭应诉的情况或未出庭的原因（台账记录的行政诉讼庭审均无党政主要负责人出庭）`,
          ),
        )
      : null;
  const secretary = leaders.find((l) => l.position === 'secretary');
  const head = leaders.find((l) => l.position === 'head');
  const bodies = leaders.map((l) => {
    const extra: Inline[][] = [];
    if (gapMeet && l === (secretary ?? head)) extra.push(gapMeet);
    if (gapCourt && l === (head ?? secretary)) extra.push(gapCourt);
    return leaderPara(c, w, l, acts.get(l)!, extra);
  });
  // No leader to hang the gaps on: they follow the opening paragraph's placeholder.
  const orphan = leaders.length === 0 ? [gapMeet, gapCourt].filter((x): x is Inline[] => x !== null) : [];
  const opening: AreaPara =
    orphan.length > 0 ? { inlines: line(first.inlines, ...orphan.flatMap((g) => [g, '。'])) } : first;
  return { paras: paras(opening, ...bodies), children: [] };
}
