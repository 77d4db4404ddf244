import { CN_NUMERAL_CHARS } from './numerals.ts';

/**
 * What a figure is in its report: this year's value, or something said beside it — a plan, a change
 * over last year, last year's value, a total over several years, a part of a total. One reading for
 * the reviewer's figure list, the headline choice and the county's cross-check; only this year's
 * figures (`current`, and parts of them) are the year's figures of an indicator.
 */
export type FigureRole = 'current' | 'part' | 'plan' | 'change' | 'previous' | 'span';

/** Each role in Chinese, as the figure list and the headline's reasons show it. */
export const ROLE_NOTE: Readonly<Record<FigureRole, string>> = {
  current: '本年数',
  part: '总数中的一部分（其中/包括）',
  plan: '计划或目标数',
  change: '同比变化数',
  previous: '上年数',
  span: '多年累计数',
};

/** Each role in a word or two, as a column of the figure list shows it. */
export const ROLE_LABEL: Readonly<Record<FigureRole, string>> = {
  current: '本年',
  part: '其中部分',
  plan: '计划',
  change: '同比变化',
  previous: '上年',
  span: '多年累计',
};

/** Roles of figures that are not of the report's year. */
const OUTSIDE_YEAR: ReadonlySet<FigureRole> = new Set(['plan', 'change', 'previous', 'span']);

/** Whether a figure is one of the report's year (this year's value or a part of it). */
export const ofTheYear = (f: { readonly role?: FigureRole }): boolean => !f.role || !OUTSIDE_YEAR.has(f.role);

/**
 * Words before a figure that make it something other than this year's total. Data. `clause`: said in
 * the figure's own clause; `sentence`: anywhere in its sentence before it (其中 may open the
 * sentence, 近三年来 a paragraph's first clause); `lead`: opening the sentence. Sentence-wide words
 * are read after the last words that bring the sentence back to the year (THIS_YEAR).
 */
const ROLE_WORDS: readonly { role: FigureRole; words: RegExp; in: 'clause' | 'sentence' | 'lead' }[] = [
  // A sentence that opens as a plan or as last year's (计划开展普法宣传活动不少于30场，培训法律明白人200名;
  // 上一年度全镇共化解矛盾纠纷165件，化解率为96%) is one to its end, or until it names the year again
  // (…，2024年实际开展32场). Only at its opening: 确保 or 力争 further on is mostly a purpose.
  {
    role: 'plan',
    words: /^(?:明年|下一?年度?|下一步|今后)|^(?:我|全|本)?(?:镇|乡|街道)?(?:计划|拟|力争|预计)/,
    in: 'lead',
  },
  { role: 'previous', words: /^(?:上一?年度?|去年)(?!同期相比)/, in: 'lead' },
  {
    role: 'plan',
    // A plan as a thing drawn up (制定学习计划并组织…12次, 纳入培训计划) is not a planned number, but
    // what it sets out is (学法计划安排中心组学法6次); nor is what was done to a thing planned
    // (对拟出台的3件规范性文件开展审查); the year's list of decisions published at its start
    // (年初公布重大行政决策事项目录4项) is.
    words:
      /(?<!制定|印发|出台|纳入|列入|按照|按|根据|依据|学习|培训|学法)计划(?!并)|计划安排|力争|确保|争取|目标|(?<![模草虚])拟(?![^，,；;的]{0,6}的)|预计|预期|(公布|编制|制定|印发)[^，,；;]{0,12}目录$/,
    in: 'clause',
  },
  {
    role: 'change',
    // 同比增加6场 is a change; 较上年增加到36场 is this year's level.
    words:
      /(同比|环比|较上一?年|较去年|比上一?年|比去年|与上年|与去年|较\s*20\d{2}\s*年|比\s*20\d{2}\s*年)(?!.*[至到为达]$)|(增加|增长|减少|下降|提高|提升|上升|降低|回落)了?$/,
    in: 'clause',
  },
  {
    role: 'previous',
    words: /(?<![较比与])(上年度?|去年|上一年|前一年)(?!.*[至到为达]$)/,
    in: 'clause',
  },
  {
    role: 'span',
    // Also since a plan or a campaign began (“八五”普法启动以来, 实施以来, “十四五”以来, “七五”普法期间),
    // not during a week of the year (“宪法宣传周”期间), and the past five years (过去五年).
    words:
      /(?:近|过去|这)[两二三四五六七八九十]年|[两二三四五六七八九十]年(来|以来|间)|历年|多年来|(启动|实施|开展)以来|五[”"][\u4e00-\u9fa5]{0,4}(以来|期间)|20\d{2}\s*年(以来|起)[^。；;]{0,20}累计/,
    in: 'sentence',
  },
  { role: 'part', words: /其中|包括|包含/, in: 'sentence' },
  // What of a plan was done (学法计划安排…，按计划完成集中学法10次): the planned items among all done.
  { role: 'part', words: /按[^，,；;]{0,6}计划完成/, in: 'clause' },
];

/**
 * Words that bring a sentence back to the year after a total over several years (近三年累计…420件，
 * 其中2023年…136件; …累计46期，本年度举办9期): sentence-wide words are read only after them. Not a
 * deadline (力争到2025年底…98%以上).
 */
const THIS_YEAR = /本年度?|今年|全年|当年|年内|实际|(?<![到至])20\d{2}\s*年(?!以来|起|至今|来|底|前)/g;

/** Words of an approximation right before a number (增加近20场): not part of the clause's verb. */
const APPROX_END = /(近|约|超过|逾|将近|不少于|多达|大约|超)$/;

/**
 * The role the words before a figure give it (`before`: its sentence up to the figure). With the
 * report's year, a clause naming an earlier year (2023年开展…12场) states a past value and one naming
 * a later year a plan.
 */
export function roleInWords(before: string, year?: number | null): FigureRole {
  const clause = lastClause(before).replace(APPROX_END, '');
  const since = lastEnd(before, THIS_YEAR);
  const rest = since > 0 ? before.slice(since) : before;
  // What there is now (在现有58户示范户的基础上, 把现有网格由38个…) in a plan's sentence is this year's.
  if (/现有[^，,；;\d]{0,8}$/.test(clause)) return 'current';
  const lead = rest.replace(/^[\s，,：:]+/, '');
  for (const r of ROLE_WORDS)
    if (r.words.test(r.in === 'clause' ? clause : r.in === 'lead' ? lead : rest)) return r.role;
  if (year) {
    const years = [...clause.matchAll(/(20\d{2})\s*年/g)].map((m) => Number(m[1]));
    if (years.some((y) => y < year)) return 'previous';
    if (years.some((y) => y > year)) return 'plan';
  }
  return 'current';
}

/** The figure's own clause: the words before it back to the last comma, semicolon or colon. */
const lastClause = (before: string): string => before.split(/[，,；;：:]/).pop() ?? before;

/** Farthest a part stands after its total (a list of its kinds with their names and counts). */
export const PART_REACH = 300;

/**
 * Whether the words between a total and a later figure keep them in one sentence: no sentence end
 * between, or one 分号 after which the figure's sentence opens with 其中 (…化解率97.9%；其中土地流转纠纷41件).
 */
export const inTotalsSentence = (between: string): boolean =>
  !/[。！!？?\n]/.test(between) && (!/[；;]/.test(between) || /^[^；;]*[；;]\s*其中[^；;]*$/.test(between));

/** Where the last match of a global pattern ends (0: none). */
function lastEnd(s: string, re: RegExp): number {
  let end = 0;
  for (const m of s.matchAll(re)) end = m.index + m[0].length;
  return end;
}

/** A figure right after another and a slash (执法检查486次/512次, 98.3% / 97.3%). */
const AFTER_SLASH = new RegExp(
  `[\\d${CN_NUMERAL_CHARS}](?:\\.\\d+)?\\s*[^\\d\\s，,；;。/／]{0,3}\\s*[/／]\\s*$`,
);
/** Columns named this year's, then last year's (（2022年/2021年）, 本年数 / 上年数). */
const COLUMNS = /(20\d{2})\s*年?\s*[/／]\s*(20\d{2})|(?:本年|今年)[^/／\n]{0,3}[/／]\s*(?:上年|去年)/g;

/**
 * Whether a figure is the second of a pair written A/B under columns named this year's and last
 * year's, said at most 600 characters before it (主要执法数据（2022年/2021年）：执法检查486次/512次).
 */
function lastYearColumn(text: string, start: number): boolean {
  if (!AFTER_SLASH.test(text.slice(Math.max(0, start - 16), start))) return false;
  const above = text.slice(Math.max(0, start - 600), start);
  return [...above.matchAll(COLUMNS)].some((m) => !m[1] || Number(m[2]) < Number(m[1]));
}

export interface RoleContext {
  /** Whether an offset lies in the 下一年度 part (its figures are plans). */
  readonly planAt?: (start: number) => boolean;
  /** The report's year. */
  readonly year?: number | null;
}

/** What a role reading needs of a figure. */
export interface RoleFigure {
  readonly key: string;
  readonly value: number;
  readonly start: number;
  readonly end: number;
  readonly sentenceStart: number;
  /** A role its reader already knows (a table's row above its 合计 row is a part). */
  readonly role?: FigureRole;
}

/**
 * The role of each figure of a text, in the order given (`figures` in reading order): from its
 * section, its words and, for a figure after a larger one of the same key with 其中/分别/包括 between
 * them in the same sentence or the next one opened by 其中 after a 分号 (at most PART_REACH characters
 * on), as a part of that total. A part its reader already knew stays one unless its words say more
 * (a plan, last year's).
 */
export function figureRoles(
  text: string,
  figures: readonly RoleFigure[],
  ctx: RoleContext = {},
): FigureRole[] {
  const lastOfKey = new Map<string, RoleFigure>();
  return figures.map((f) => {
    let role: FigureRole = ctx.planAt?.(f.start)
      ? 'plan'
      : lastYearColumn(text, f.start)
        ? 'previous'
        : roleInWords(text.slice(Math.min(f.sentenceStart, f.start), f.start).trimEnd(), ctx.year);
    if (role === 'current' && f.role === 'part') role = 'part';
    // A rate after a sentence's parts (其中涉海涉渔纠纷48件，成功调解138件，调解成功率98.2%) is the whole's,
    // unless its own clause says it is a part's.
    if (role === 'part' && f.key.endsWith('_rate')) {
      const clause = lastClause(text.slice(Math.min(f.sentenceStart, f.start), f.start));
      if (!/其中|包括|包含/.test(clause)) role = 'current';
    }
    const total = lastOfKey.get(f.key);
    if (role === 'current' && total && total.value >= f.value && f.start - total.end <= PART_REACH) {
      const between = text.slice(total.end, f.start);
      if (inTotalsSentence(between) && /其中|分别|包括/.test(between)) role = 'part';
    }
    // Parts share their total: the next part is read against the total, not the part before it.
    if (f.key !== 'other' && role !== 'part') lastOfKey.set(f.key, f);
    return role;
  });
}
