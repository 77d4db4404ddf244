import { findIndicator } from '../catalogue/indicators.ts';
import { countRules, rateRules } from './figure-keys.ts';
import { ROLE_NOTE as FIGURE_ROLE_NOTE, roleInWords, type FigureRole } from './figure-role.ts';

/**
 * The headline figure of an indicator: when a report states several figures under one key (普法
 * 宣传活动 28 in the summary, a study talk's 3 further on), the comparison shows one, chosen by
 * rules a person can follow, with the reason in Chinese and the others as alternatives to pick
 * instead. Works on the reviewer's figures and on the county's stated figures (which carry a role).
 */

/** What the choice reads of a figure; the reviewer's Figure and the cycle's StatedFigure both fit. */
export interface HeadlineCandidate {
  readonly key: string;
  readonly value: number;
  readonly unit: string;
  readonly text?: string;
  readonly sentence?: string;
  /** Offset of the sentence in the text (with `start`, where the figure sits in its sentence). */
  readonly sentenceStart?: number;
  readonly start?: number;
  /** The clause up to and including the figure, when known. */
  readonly phrase?: string;
  /** What the figure is (figure-role.ts), when already read. */
  readonly role?: string;
  /** Stated with 余, 约, 近…: an approximation. */
  readonly approx?: boolean;
}

export interface Headline<F> {
  readonly figure: F;
  /** Why this figure, in Chinese, for the person confirming it. */
  readonly reason: string;
  /** The other figures under the key, in reading order, each with why it was not chosen. */
  readonly alternatives: readonly { readonly figure: F; readonly note: string }[];
  /**
   * The rules could not settle it: several different figures of this year in the indicator's own
   * subject were left, none stated as a sum (共, 累计), and the largest was taken. Whether it is
   * their total, or they are separate activities to add up, is a person's call; the reason says so.
   */
  readonly unsure: boolean;
}

export interface HeadlineOptions {
  /** Whether an offset lies in the 下一年度 part (its figures are plans). */
  readonly planAt?: (start: number) => boolean;
}

type Role = FigureRole | 'whole';

const ROLE_NOTE: Readonly<Record<Role, string>> = {
  ...FIGURE_ROLE_NOTE,
  whole: '含其他学习内容的总数（该指标只计学法）',
};
/** Words that state a rate of the whole, not of a group or a quarter (总体合格率, 全镇平均, 综合, 全年). */
const WHOLE_RATE = /总体|整体|综合|平均|全(镇|乡|街道)|全年|总(?!结)/;
/** Words that state a sum of several (共开展, 累计), not only the year's (全年); not 公共, 共同. */
const SUM_WORDS = /累计|共计|合计|总计|(?<!公)共(?!同)/;
/** Words that mark a total of the year: 全年共开展, 累计, 合计. */
const TOTAL_WORDS = new RegExp(`全年|${SUM_WORDS.source}`);

/**
 * 场次 is a count of 场 or of 次, and a class's 期 (培训12期) a count of its sessions: in the units
 * of an indicator counted in either; 宗 is a count of cases, as 件 is.
 */
const inIndicatorUnits = (unit: string, units: readonly string[]): boolean =>
  units.includes(unit) ||
  ((unit === '场次' || unit === '期') && (units.includes('场') || units.includes('次'))) ||
  // 宗 counts cases as 件 does (行政处罚合计731宗).
  (unit === '宗' && units.includes('件'));

/** The words of the sentence before the figure. */
function lead(f: HeadlineCandidate): string {
  const s = f.sentence ?? '';
  if (f.sentenceStart !== undefined && f.start !== undefined && f.start >= f.sentenceStart)
    return s.slice(0, f.start - f.sentenceStart);
  if (f.phrase && f.text && f.phrase.endsWith(f.text)) return f.phrase.slice(0, -f.text.length);
  const at = f.text ? s.indexOf(f.text) : -1;
  return at >= 0 ? s.slice(0, at) : s;
}

const lastClause = (s: string): string => s.split(/[，,；;：:]/).pop() ?? s;
/** A clause saying only 共计/累计…: its figure's subject is in the clause before (开展普法活动，共计28次). */
const BARE = /^(共计|累计|合计|总计|共|全年|今年|年内|全|达到|达|为|有|\d|年)*$/;
function ownClause(before: string): string {
  const parts = before.split(/[，,；;：:]/);
  const last = parts.pop() ?? '';
  // Blanks around a number (合计 731 宗) are a web copy's, not words.
  return BARE.test(last.replace(/\s+/g, '')) && parts.length ? `${parts.pop()!}，${last}` : last;
}

/**
 * The figure's own item in a list (专题部署会4次、工作推进会6次 → 工作推进会); the whole list when
 * the figure sums it (专题部署会、推进会共计10次).
 */
function ownItem(before: string): string {
  const clause = ownClause(before);
  const item = clause.split('、').pop() ?? clause;
  return BARE.test(item) || SUM_WORDS.test(item) ? clause : item;
}

function roleOf(f: HeadlineCandidate, opts: HeadlineOptions): Role {
  if (f.role && f.role in ROLE_NOTE) return f.role as Role;
  if (f.start !== undefined && opts.planAt?.(f.start)) return 'plan';
  return roleInWords(lead(f));
}

/** The indicator's name as pairs of characters (普法宣传活动 → 普法, 法宣, 宣传…). */
function bigrams(s: string): string[] {
  const t = s.replace(/[（(][^）)]*[）)]|[^\u4e00-\u9fa5]/g, '');
  return [...t].slice(0, -1).map((c, i) => c + t[i + 1]!);
}

/** The words after the figure up to its clause's or list item's end (开展68场次广场法治宣传活动). */
function trail(f: HeadlineCandidate): string {
  const s = f.sentence ?? '';
  if (f.sentenceStart === undefined || f.start === undefined || !f.text) return '';
  const from = f.start - f.sentenceStart + f.text.length;
  if (from < 0 || from > s.length) return '';
  return s.slice(from).split(/[，,；;：:、。]/)[0] ?? '';
}

/**
 * Whether the figure's own clause names the indicator, before the figure or right after it (68场次
 * 法治宣传活动): words of the rule table for its key, or pairs of characters of the indicator's name
 * (a figure keyed through a list or the clause before it does not).
 */
function subject(f: HeadlineCandidate, names: readonly string[]): boolean {
  const clause = ownClause(lead(f));
  const after = trail(f);
  if (names.some((b) => clause.includes(b) || after.includes(b))) return true;
  if (f.unit === '%') return rateRules.some((r) => r.key === f.key && r.name.test(clause));
  return countRules.some((r) => r.key === f.key && r.near.test(`${clause}§${after}`));
}

/**
 * The word that names an indicator itself, where other wordings share its characters: the 中心组's
 * study beside the 党委会's, a 专题 meeting on the rule of law beside a progress meeting, in the
 * figure's own list item; the study of law (学法, 法治课, 法律知识) beside a study of anything, in
 * its clause (领导班子学法、研讨、各类讲座12次 is of law).
 */
const OWN_WORDS: Readonly<
  Record<string, { readonly words: RegExp; readonly in: 'item' | 'clause'; readonly says: string }>
> = {
  'study.center_group': { words: /中心组|理论中组/, in: 'item', says: '中心组' },
  'leadership.meetings': { words: /专题/, in: 'item', says: '专题' },
  // Not the Party's own rules (党内法规制度文件学习会议16场次): no study of the state's law.
  'study.sessions': { words: /(?<!党内)法/, in: 'clause', says: '学法、法治或法律' },
  // The opinions issued (出具法律意见书18份) beside the changes asked for in them (提出修改意见56条).
  'legal.opinions': { words: /意见书|法律意见/, in: 'item', says: '意见书或法律意见' },
};

/** The unit an indicator counts its own things in, where another of its units counts something else. Data. */
const PRIMARY_UNIT: Readonly<Record<string, string>> = { 'petitions.cases': '件' };

/** Indicators that count the study of law only, and the words that say a study was of law. Data. */
const LAW_PART: Readonly<Record<string, RegExp>> = {
  'study.center_group': /学法|法治|法律|宪法|民法典/,
};

const shown = (f: HeadlineCandidate): string => `“${f.text ?? `${f.value}${f.unit}`}”`;

/**
 * The headline figure of `key` among `figures`, or null when none has the key. Rules, in order:
 * this year's figures before plans, changes, last year's and parts (其中/包括); among them those
 * whose sentence names the indicator; then, for counts, the largest (the year's total rather than
 * a part of it); for rates, the first stated.
 */
export function headline<F extends HeadlineCandidate>(
  figures: readonly F[],
  key: string,
  opts: HeadlineOptions = {},
): Headline<F> | null {
  const all = figures.filter((f) => f.key === key);
  if (all.length === 0) return null;
  const indicator = findIndicator(key);
  const label = indicator?.label ?? key;
  const names = bigrams(label);
  const rated = all.map((f, i) => ({ f, i, role: roleOf(f, opts), subject: subject(f, names) }));
  // An indicator of the study of law, stated as a part of all study (理论中心组学习46次，其中专题学法2次):
  // the part is the indicator's figure, the whole is not.
  const law = LAW_PART[key];
  const ofLaw = (x: { f: F }) => law !== undefined && law.test(ownClause(lead(x.f)));
  if (
    rated.some((x) => x.role === 'part' && ofLaw(x)) &&
    !rated.some((x) => x.role === 'current' && ofLaw(x))
  )
    for (const x of rated)
      x.role = x.role === 'current' ? 'whole' : x.role === 'part' && ofLaw(x) ? 'current' : x.role;
  // So is its study of law beside its study of everything, stated without 其中 (中心组学习会14次，
  // 围绕宪法…开展专题学法3次).
  else if (rated.some((x) => x.role === 'current' && ofLaw(x)))
    for (const x of rated) if (x.role === 'current' && !ofLaw(x)) x.role = 'whole';
  const current = rated.filter((x) => x.role === 'current');
  const anyCurrent = current.length ? current : rated;
  // Figures in the indicator's own units (横幅12条) before those counted otherwise (海报35张).
  const inUnits = anyCurrent.filter((x) => (indicator ? inIndicatorUnits(x.f.unit, indicator.units) : true));
  // Among those, the unit that counts the indicator's own things (petitions in 件, not their 批次).
  const primary = PRIMARY_UNIT[key];
  const ofPrimary = primary ? inUnits.filter((x) => x.f.unit === primary) : [];
  const pool = ofPrimary.length ? ofPrimary : inUnits.length ? inUnits : anyCurrent;
  // A clause with the indicator's own word (中心组) before one that only shares its words (党委会学习).
  const own = OWN_WORDS[key];
  const ownText = (f: F) => (own?.in === 'item' ? ownItem(lead(f)) : ownClause(lead(f)));
  const subjects = pool.filter((x) => x.subject);
  const literal = own ? subjects.filter((x) => own.words.test(ownText(x.f))) : [];
  const named = literal.length ? literal : subjects;
  const field = named.length ? named : pool;
  const isRate = all[0]!.unit === '%';
  // A rate stated for the whole (总体合格率97%, 全镇平均) beside the rates of its groups.
  const whole = isRate ? field.filter((x) => WHOLE_RATE.test(ownClause(lead(x.f)))) : [];
  const best = isRate
    ? whole.length === 1
      ? whole[0]!
      : field[0]!
    : field.reduce((a, b) => (b.f.value > a.f.value ? b : a));
  // Unsure when the largest is taken only for being largest: not stated as a sum (共计, 累计); or
  // when a word alone chose it over other figures of the year in the indicator's units, which may
  // be separate activities to add up (集中学法…参学240人次 beside 讲座…听课160人次); or when two
  // figures both say they are the year's total and differ (全年…58场, 全年共…62场).
  const totals = pool.filter((x) => TOTAL_WORDS.test(lastClause(lead(x.f))));
  const largestOnly =
    field.some((x) => x.f.value !== best.f.value) && !SUM_WORDS.test(lastClause(lead(best.f)));
  const byWord = pool.some((x) => !field.includes(x) && x.f.value !== best.f.value);
  const twoTotals = totals.some((x) => x.f.value !== best.f.value && !x.f.approx && !best.f.approx);
  // A rate stated with different values in the indicator's own words (机关干部合格率100%，村干部
  // 合格率96%; 第一场、第二场): rates of groups or sittings, none the whole's; the first is taken.
  const rates = isRate && whole.length !== 1 && field.some((x) => x.f.value !== best.f.value);
  const unsure = rates || (!isRate && (largestOnly || byWord || twoTotals));
  const reasons: string[] = [];
  if (all.length === 1) reasons.push('报告中该指标只有这一处数值');
  else {
    reasons.push(`报告中该指标有${all.length}处数值`);
    const left = [...new Set(rated.filter((x) => x.role !== 'current').map((x) => ROLE_NOTE[x.role]))];
    if (current.length && left.length) reasons.push(`不取${left.join('、')}`);
    if (!current.length) reasons.push('均非本年总数，按原文取值，请核对');
    if (inUnits.length && inUnits.length < anyCurrent.length)
      reasons.push(`取以${indicator!.units.join('、')}计的数值`);
    if (ofPrimary.length && ofPrimary.length < inUnits.length) reasons.push(`取以“${primary}”计的数值`);
    if (named.length && named.length < pool.length) reasons.push(`取句中写明“${label}”的数值`);
    if (literal.length && literal.length < subjects.length) reasons.push(`取写明“${own!.says}”的数值`);
    if (field.length > 1)
      reasons.push(
        isRate
          ? whole.length === 1
            ? '比率取写明总体（全镇、总体、平均）的一处'
            : rates
              ? '比率取首次出现的一处；各处数值不同，可能分属不同群体或场次，请人工确认或改选'
              : '比率取首次出现的一处'
          : largestOnly
            ? '取其中最大的一处；各处是全年总数与其部分，还是应相加的不同活动，规则无法判定，请人工确认或改选'
            : '取其中最大的一处（全年总数而非部分）',
      );
    if (!isRate && byWord && !largestOnly)
      reasons.push('另有同单位的本年数值未取，可能是应相加的不同活动，请人工确认或改选');
    if (!isRate && twoTotals) reasons.push('报告中不止一处写为全年或累计总数且数值不同，请人工确认');
  }
  const total = TOTAL_WORDS.test(lastClause(lead(best.f))) ? '（原文为全年或累计数）' : '';
  const reason = `取${shown(best.f)}${total}：${reasons.join('；')}。`;
  const alternatives = rated
    .filter((x) => x !== best)
    .map((x) => {
      const why =
        x.role !== 'current' && best.role === 'current'
          ? ROLE_NOTE[x.role]
          : pool.includes(best) && !pool.includes(x) && inUnits.length
            ? `单位“${x.f.unit}”不是该指标的计量单位`
            : named.length && !x.subject && field.includes(best)
              ? `句中未写明“${label}”`
              : literal.length && !literal.includes(x) && literal.includes(best)
                ? `未写明“${own!.says}”`
                : isRate
                  ? '出现在后'
                  : '数值较小';
      return { figure: x.f, note: `${shown(x.f)}：${why}` };
    });
  return { figure: best.f, reason, alternatives, unsure };
}
