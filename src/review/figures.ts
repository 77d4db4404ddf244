import {
  FREQUENCY_AFTER,
  keyForRate,
  PER_UNIT,
  ruleForCount,
  RULE_NOUN,
  TARGET,
  TWIN_KEYS,
} from './figure-keys.ts';
import {
  CN_NUMERAL_CHARS,
  CN_PERCENT,
  parseArabic,
  parseChineseNumeral,
  parseChinesePercent,
} from './numerals.ts';
import { inTotalsSentence, PART_REACH } from './figure-role.ts';
import { HEADING_NUMBER } from './headings.ts';
import { firstWhere } from './sorted.ts';
import { LIST_POINT, LOST_PUNCTUATION } from './rules.ts';
import type { Figure } from './types.ts';

/** Units a counted figure may carry, longest first so 人次 wins over 人. */
export const UNITS = [
  '个百分点',
  '平方米',
  '万元',
  '人次',
  '场次',
  '轮次',
  '轮',
  '户次',
  '家次',
  '件次',
  '批次',
  '元',
  '人',
  '名',
  '位',
  '次',
  '场',
  '件',
  '起',
  '例',
  '份',
  '册',
  '本',
  '条',
  '幅',
  '个',
  '处',
  '项',
  '户',
  '块',
  '期',
  '所',
  '张',
  '套',
  '台',
  '篇',
  '支',
  '批',
  '宗',
  '%',
] as const;

// A figure starts at the beginning of its run of digits or numerals, and no count has more than
// twelve: a crafted run of digits with no unit is then rejected once, not once per character.
const ARABIC = String.raw`(?<![\d.])(?:\d{1,3}(?:,\d{3})+(?:\.\d{1,6})?|\d{1,12}(?:\.\d{1,6})?)`;
const CN = `(?<![${CN_NUMERAL_CHARS}])[${CN_NUMERAL_CHARS}]{1,12}`;
// A blank may stand between the digits and their 万 (1.2 万份), as between them and 余 or the unit.
const NUM = `(?:(${ARABIC})\\s?(万|千|亿)?|(${CN}))`;
const PREFIX = '(近|约|超过|逾|将近|不少于|多达|大约|超)?';
const RANGE = `(?:(?:至|到|-|—|～|~)${NUM})?`;
const UNIT_RE = [...UNITS, '％'].join('|');

/** A candidate: prefix, number, optional range end, approximation, unit, suffix. */
const FIGURE = new RegExp(`${PREFIX}${NUM}${RANGE}(余|多|来)?\\s?(${UNIT_RE})(以上|左右|余)?`, 'g');

const CN_START = new RegExp(`^[${CN_NUMERAL_CHARS}]`);
/** Clause ends; | and ｜ separate a flattened table's cells (信访工作｜登记 39件｜化解 37件). */
const CLAUSE_END = /[，,。；;！!？?\n\t：:、|｜]/;
const LOST_MARK = new RegExp(LOST_PUNCTUATION, 'g');
/**
 * 和/及 right after a count joins two items, each with its own words (完成中心组学法7次和其他学法2次):
 * a clause end, as 、 is. Words first, the lookbehind after them (see LOST_PUNCTUATION).
 */
const JOINED_COUNT = new RegExp(
  `(?:以及|和|及|与)(?<=(?:\\d|[${CN_NUMERAL_CHARS}])(?:余|多)?\\s?(?:${UNIT_RE})(?:以上|左右|余)?(?:以及|和|及|与))(?=[\\u4e00-\\u9fa5])`,
  'g',
);
/** A list (送法进社区、进企业活动) shares its predicate across 、. */
const WIDE_END = /[，,。；;！!？?\n\t：:|｜]/;
const SENTENCE_END = /[。；;！!？?\n]/;
// Tested with 年 and digits taken out, so 全年 is 全 here.
const FILLER =
  /^(共计|累计|合计|总计|共|其中|分别|先后|全年|今年|年内|全|今|本|当|内|实际|达到|达|为|有|了|约|已|超|召开|开展|组织|举办|举行)*$/;

/**
 * A list of quoted titles, then 等 and a noun (“甲村纠纷”、“乙村纠纷”等矛盾纠纷2件): when the
 * clause itself does not say, the noun is what is counted, not the words of the titles.
 */
const countedNoun = (before: string): string => /”等([\u4e00-\u9fa5]{1,10})$/.exec(before)?.[1] ?? before;

const LIST_POINTS = new RegExp(LIST_POINT, 'g');

/**
 * A paragraph up to a figure, without the list's earlier points: the words before the list (its
 * subject) and the figure's own point (一是中心组学习2次；二是…；四是开展专项培训…学习7场 → the
 * 中心组 is no subject of the fourth point).
 */
function ownPoint(paragraph: string): string {
  const points = [...paragraph.matchAll(LIST_POINTS)];
  if (points.length < 2) return paragraph;
  return paragraph.slice(0, points[0]!.index) + paragraph.slice(points.at(-1)!.index);
}

/** Farthest a figure's clause or sentence reaches each way: real ones are shorter, crafted ones cost no more. */
const CONTEXT_MAX = 400;

/**
 * A clause saying only that what follows is a total, or how many there are (今年共计, 累计, 合计审查,
 * 目前全乡共有, 全镇, 一年下来学了): its subject is earlier in the sentence.
 */
const BARE_TOTAL =
  /^[，,\s]*(?=\S)(今年|全年|年内|目前|现有|一年下来|一年来)?(全(?:镇|乡|街道))?(共计|累计|合计|总计|共有|共)?(审查|审核|开展|组织|召开|举办|办理|受理|排查|化解|调处|发放|培训|培养|培育|选聘|检查|学|办班|办)?了?$/;

/** Counts given one by one for what the sentence named (…集中进村入寨，场次分别为8场、6场): its subject too. */
const BARE_LIST = /^[，,\s]*(?:场次|次数|期数|人数)?分别(?:为|是)?$/;

/** After a count in 个: a length of time (7个工作日, 3个月), no count. */
const DURATION_AFTER = /^(?:工作日|自然日|月|小时|星期|礼拜|季度|年头|钟头)/;

/** After a count in 次: more ordinals, then the plenum they number (、七次全会). */
const PLENUM_AFTER = /^(?:\s*[、和及]\s*[一二三四五六七八九十\d]+次)*\s*(?:全会|全体(?:委员)?会议|全委会)/;

/** Within 12 characters of a figure on both sides, an open and a close quotation mark: a name (“八五”普法), not a count. */
function quoted(text: string, start: number, end: number): boolean {
  const from = Math.max(0, start - 12);
  const before = text.slice(from, start);
  const open = before.lastIndexOf('“');
  if (open >= 0 && before.indexOf('”', open) < 0) {
    const close = text.slice(end, end + 13).indexOf('”');
    return close >= 0;
  }
  return /"[^"]*$/.test(before) && /^[^"]{0,12}"/.test(text.slice(end, end + 13));
}

/**
 * Where clauses, lists and sentences end in one text, found once: each figure's context is then a
 * binary search away, so extraction stays linear in the text however long a sentence runs.
 */
class Bounds {
  private readonly clause: number[] = [];
  private readonly wide: number[] = [];
  private readonly sentence: number[] = [];
  /** Clause ends where a mark was lost (汇报4次先后召开): no character of either clause is the mark. */
  private readonly lost = new Set<number>();

  constructor(private readonly text: string) {
    const lost = [...text.matchAll(LOST_MARK)].map((m) => m.index);
    const joined = new Set([...text.matchAll(JOINED_COUNT)].map((m) => m.index + m[0].length - 1));
    let next = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (lost[next] === i) {
        this.clause.push(i);
        this.lost.add(i);
        next++;
      }
      if (CLAUSE_END.test(ch) || joined.has(i)) this.clause.push(i);
      if (WIDE_END.test(ch)) this.wide.push(i);
      if (SENTENCE_END.test(ch)) this.sentence.push(i);
    }
  }

  /** The first position after the last end mark before `pos` (0 if none), at most CONTEXT_MAX back. */
  private startOf(ends: readonly number[], pos: number): number {
    const lo = firstWhere(ends, (e) => e >= pos);
    const end = lo > 0 ? ends[lo - 1]! : -1;
    const b = end < 0 ? 0 : ends === this.clause && this.lost.has(end) ? end : end + 1;
    return Math.max(b, pos - CONTEXT_MAX);
  }

  /** The first end mark at or after `pos` (the text's length if none), at most CONTEXT_MAX on. */
  private endOf(ends: readonly number[], pos: number): number {
    const lo = firstWhere(ends, (e) => e >= pos);
    const a = lo < ends.length ? ends[lo]! : this.text.length;
    return Math.min(a, pos + CONTEXT_MAX);
  }

  /**
   * The words of a figure's clause before and after it (blanks beside it left out), the wider list
   * before it, the clause before for a bare 共计, and where its clause starts (`from`).
   */
  clauseOf(
    start: number,
    end: number,
  ): { before: string; after: string; previous: string; wide: string; from: number } {
    const text = this.text;
    const b = this.startOf(this.clause, start);
    const before = text.slice(b, start);
    let previous = '';
    // A bare "共计" may borrow the previous clause's predicate: 开展普法活动，共计28次.
    if (FILLER.test(before.replace(/[\s\d年月度以来]/g, '')) && b > 0 && !SENTENCE_END.test(text[b - 1]!)) {
      previous = text.slice(this.startOf(this.clause, b - 1), b - 1);
    }
    const a = this.endOf(this.clause, end);
    const w = this.startOf(this.wide, b);
    // Blanks beside the figure are no words of its (邻里纠纷 52 件 reads as 邻里纠纷52件).
    return {
      before: before.trimEnd(),
      after: text.slice(end, a).trimStart(),
      previous,
      wide: text.slice(w, start).trimEnd(),
      from: b,
    };
  }

  /** The words after `end` up to the end of its list (、 does not end it). */
  listAfter(end: number): string {
    return this.text.slice(end, this.endOf(this.wide, end));
  }

  /** The sentence around `start` and where it starts. */
  sentenceOf(start: number): { sentence: string; sentenceStart: number } {
    const a = this.startOf(this.sentence, start);
    return { sentence: this.text.slice(a, this.endOf(this.sentence, start)), sentenceStart: a };
  }
}

/** A rate's name: …率, or a satisfaction named by its degree (群众满意度). */
const RATE_NAME = '[\\u4e00-\\u9fa5]{1,10}(?:率|满意度)';
/** Rate names in a list (参考率和合格率, 参考率优秀率). */
const RATE_NAMES = `(${RATE_NAME}(?:[、和及与]${RATE_NAME})*)`;
/** Rate names, then 分别为 and the rates before this one (参考率、合格率分别为100%和98.5%). */
const RESPECTIVELY = new RegExp(
  `${RATE_NAMES}分别(?:为|是|达到|达)?((?:\\s*\\d+(?:\\.\\d+)?\\s*[%％]\\s*[、和及与，,]\\s*)*)$`,
);
/** Rate names and the verb before the rate (合格率达到, 参考率和合格率均为). */
const NAMED_RATE = new RegExp(
  `${RATE_NAMES}(?:为|达到|达|均达到|均达|均为|均|保持|实现|稳定在|是|在|了|\\s)*$`,
);

/**
 * The one name a rate stands for in a list given 分别 (the second rate: the second name), if any; a
 * name given alone stands for every rate after it.
 */
function respectiveName(before: string): string[] | undefined {
  const m = RESPECTIVELY.exec(before);
  if (!m) return undefined;
  const names = splitRateNames(m[1]!);
  const at = (m[2]!.match(/[%％]/g) ?? []).length;
  // One name for several rates (两次考试的参考率分别为100%和96%): each is that name's.
  if (names.length === 1) return names;
  return at < names.length ? [names[at]!] : [];
}

// Split between names only (参考率和合格率, 参考率优秀率), never inside one (参与率).
const splitRateNames = (names: string): string[] =>
  names.split(/(?<=率|满意度)[、和及与]?(?=[\u4e00-\u9fa5])/);

/** A rate raised from last year's (化解率由上年的95.4%提升到): the name stands before 由. */
const RAISED_FROM =
  /由[^，,。；;%％]{0,12}?\d+(?:\.\d+)?\s*[%％](?:提升|提高|上升|增长|增加|下降|降低)(?:到|至|为)$/;

/** Rate names right before a percentage: 化解率为98.6% → [化解率]; 参考率、优秀率均达100% → two. */
function rateNames(before: string): string[] {
  const m = NAMED_RATE.exec(before.replace(RAISED_FROM, '达'));
  return m ? splitRateNames(m[1]!) : [];
}

/**
 * A rate named by what it says of the people counted rather than by a …率 (参考干部百分之百通过,
 * 干部100%参加学法考试), in a sentence about an exam.
 */
function rateByVerb(after: string, sentence: string): string | undefined {
  if (!/考试|测试/.test(sentence)) return undefined;
  if (/^(?:通过|合格|过关)/.test(after)) return 'study.exam_pass_rate';
  if (/^(?:参加|参考|参与)了?[^，,。；;]{0,8}(?:考试|测试)/.test(after))
    return 'study.exam_participation_rate';
  return undefined;
}

/**
 * The county as the subject of a sentence or clause (全县共培训540人次, 县司法局组织…考试，全县参考
 * 1350人, 县局在我镇辖区共查处…9起): its figures are the county's, not the township's. Only as the
 * subject, after nothing or a time (4月，县委依法治县办…); not 按照县委部署 or 在县司法局指导下.
 */
const COUNTY_SUBJECT = new RegExp(
  '^\\s*(?:\\d{1,2}月份?[，,]?|今年|全年|年内|同时|此外|另外)?' +
    '(?:全[县区市旗]|(?:县|区|市|旗)(?:委|政府|人民政府|里|局|直|(?!域|场|民|容|城)[\\u4e00-\\u9fa5]{1,10}?(?:局|办|院|部|中心|委员会)))',
);
/**
 * The township speaking of itself (我镇, 全乡, 本街道) or a clause led by one of its bodies (镇司法所,
 * 乡政府), not a place its figure happened in (在我镇).
 */
const OWN_SUBJECT =
  /(?<![在对到向为给与和同跟])(?:我|全|本)(?:镇|乡|街道)|(?:^|[，,；;、])\s*(?:镇|乡|街道)[\u4e00-\u9fa5]{0,6}?(?:所|委|府|中心|办|站|队)/;

/** After a county's figure, the township named as who took it on (由街道调委会承接, 均由镇司法所办理). */
const OWN_AFTER = /^\s*(?:均|全部|已)?由(?:我|本)?(?:镇|乡|街道)/;

/** The county's people invited by the township: what they did is the township's. */
const INVITED = /(?:邀请|聘请|特邀)[^，,。；;]{0,4}(?:县|区|市|州)/;

/** Whether a figure is the county's: the county leads its sentence or clause, and the township does not follow. */
function countyOwned(upTo: string, before: string): boolean {
  for (const s of [upTo, before]) {
    const lead = COUNTY_SUBJECT.exec(s);
    const rest = lead ? s.slice(lead[0].length) : '';
    // The county's staff sent down to work in the township (县级部门下沉人员与镇综合行政执法队混编运行) are
    // the township's.
    if (lead && !OWN_SUBJECT.test(rest) && !SENT_DOWN.test(rest)) return true;
  }
  return false;
}
/** After the county named first: its people sent down to the township. */
const SENT_DOWN = /^[^，,。；;]{0,6}(?:下沉|派驻)/;

/**
 * Units that count events: a part in them under 其中 is one of the total's events, whatever it is
 * called (普法活动57场次，其中法治山歌会9场次; 其中在渔港码头开展的31场次).
 */
const EVENT_UNITS: ReadonlySet<string> = new Set(['场', '场次']);
/** How many keyed figures of a unit a part may look back over for its total. */
const TOTALS_KEPT = 4;

/**
 * Whether a part at `start` may belong to a total ending at `end`: within PART_REACH of it (a text of
 * parts with no end costs no more per figure), in its sentence or the next one its 其中 opens.
 */
const partOf = (text: string, end: number, start: number): boolean =>
  start - end <= PART_REACH && inTotalsSentence(text.slice(end, start));

/** A count in the words after a figure. */
const LIST_COUNT = new RegExp(`[\\d${CN_NUMERAL_CHARS}]`);

/**
 * Whether a part's words name a kind of the whole's things: by its noun (sharesNoun) or by a name in
 * quotation marks (其中“法治赶场”十场次). A bare count after it in a 、 list (…41场次、28场次) is
 * of the same kind as the count before (`prior` in extractFigures).
 */
const kindOf = (whole: string, part: string): boolean => {
  const words = part.replace(/^\s*(?:其中|分别)[，,]?/, '').trim();
  return /^[“"][^”"]{1,12}[”"]$/.test(words) || BY_FIELD.test(words) || sharesNoun(whole, part);
};
/** A part named by its field (其中城市管理领域126次、安全生产领域88次): of the whole's kind. */
const BY_FIELD = /^[\u4e00-\u9fa5]{2,8}(?:领域|方面|行业)$/;

/** Nouns that name a kind of another's things (a hazard is a problem found). Data. */
const KIND_OF: Readonly<Record<string, readonly string[]>> = {
  隐患: ['问题'],
  问题: ['隐患'],
  // A case among those filed (立案处罚392起，其中涉及垃圾分类的案件146起).
  案件: ['案'],
  // A lecture or a training among the study sessions (集中学法12次，其中…专题法治讲座2次).
  讲座: ['学法', '学习', '培训'],
  培训: ['学法', '学习'],
};

/**
 * Whether a part's words end in two characters the whole's words have (矛盾纠纷 … 邻里纠纷), or in a
 * noun of a kind of the whole's (发现各类问题46项，其中消防隐患21项).
 */
const sharesNoun = (whole: string, part: string): boolean => {
  const noun = /[\u4e00-\u9fa5]{2}$/.exec(part)?.[0];
  return noun !== undefined && [noun, ...(KIND_OF[noun] ?? [])].some((n) => whole.includes(n));
};

/** A clause that only says a rate was reached (我镇实际达到, 实际完成). */
const ACHIEVED = /^(?:我(?:镇|乡|街道)|全(?:镇|乡|街道))?(?:实际|最终|全年)?(?:达到|达|为|完成|实现)了?$/;

/** A clause whose verb says only that something was held or put out (政府网站发布, 召开专题会). */
const GENERIC_CLAUSE = /^[\u4e00-\u9fa5]{0,8}(?:发布|召开|开展|组织|举办|举行)[\u4e00-\u9fa5]{0,4}$/;

/**
 * A label before a colon at the start of a sentence, naming what its clauses count (干部学法考试：),
 * or a row's label before a flattened table's first cell (信访工作｜登记 39件).
 */
const colonLabel = (upTo: string): string =>
  // Not across a table's cells (权力清单：行政处罚事项\t6项\t6项).
  upTo.includes('\t') ? '' : (/^\s*([^，,。；;：:|｜\d]{2,14})[：:|｜]/.exec(upTo)?.[1] ?? '');

const numberValue = (
  ar: string | undefined,
  mult: string | undefined,
  cn: string | undefined,
): number | null =>
  ar !== undefined ? parseArabic(ar, mult) : cn !== undefined ? parseChineseNumeral(cn) : null;

/** The sentence a figure sits in, without the blanks it starts with. */
function sentenceFields(bounds: Bounds, start: number): { sentence: string; sentenceStart: number } {
  const { sentence, sentenceStart } = bounds.sentenceOf(start);
  const lead = sentence.length - sentence.trimStart().length;
  return { sentence: sentence.slice(lead).trimEnd(), sentenceStart: sentenceStart + lead };
}

/** A rate's name as a label right before its colon (化解率：). */
const RATE_LABEL = new RegExp(`(?:^|[，,；;\\s])(${RATE_NAME})\\s*[：:]\\s*$`);

/** A rate's name on its own (the target's, a clause before: 化解率目标为95%). */
const A_RATE_NAME = new RegExp(RATE_NAME);

/**
 * The keys of a rate (98%, 百分之九十八), or `other`: by the names before it (合格率达到, 参考率、
 * 合格率分别为); else by what it says of the people counted (参考干部百分之百通过); else, reached
 * against a target named in the clause before (化解率目标为95%，我镇实际达到98.2%), by the target's
 * name. None for an aside (a target, a quota) or the county's figure.
 */
function rateKeys(r: {
  wide: string;
  before: string;
  after: string;
  upTo: string;
  sentence: string;
  aside: boolean;
  /** The paragraph up to the rate, when known. */
  paragraph?: string;
}): string[] {
  if (r.aside || countyOwned(r.upTo, r.before)) return ['other'];
  const names = respectiveName(r.wide) ?? rateNames(r.wide);
  // A rate's name as a label before a colon (化解率：98.3% / 97.3%).
  const label = names.length ? undefined : RATE_LABEL.exec(r.upTo)?.[1];
  if (label) names.push(label);
  if (names.length) return names.map((n) => keyForRate(n, r.sentence, r.paragraph));
  const byVerb = rateByVerb(r.after, r.sentence);
  if (byVerb) return [byVerb];
  const target = ACHIEVED.test(r.before) && TARGET.test(r.upTo);
  const name = target ? A_RATE_NAME.exec(r.upTo.slice(0, r.upTo.length - r.before.length)) : null;
  return [name ? keyForRate(name[0], r.sentence, r.paragraph) : 'other'];
}

/** The sentence up to a figure, at most 200 characters of it (a text with no sentence ends stays linear). */
const upToFigure = (text: string, sentenceStart: number, start: number): string =>
  text.slice(Math.max(sentenceStart, start - 200), start).trimEnd();

/** Rate figures written in words (百分之九十八, 百分之百), named like those written with %. */
function wordedRates(text: string, bounds: Bounds): Figure[] {
  const out: Figure[] = [];
  for (const m of text.matchAll(CN_PERCENT)) {
    const value = parseChinesePercent(m[1]!);
    if (value === null) continue;
    const start = m.index;
    const end = start + m[0].length;
    const clause = bounds.clauseOf(start, end);
    const where = sentenceFields(bounds, start);
    const keys = rateKeys({
      wide: countedNoun(clause.wide),
      before: clause.before,
      after: clause.after,
      upTo: upToFigure(text, where.sentenceStart, start),
      sentence: where.sentence,
      aside: TARGET.test(clause.before) || PER_UNIT.test(clause.before),
    });
    const base = { value, unit: '%', approx: false, qualifier: null, text: m[0], start, end, ...where };
    for (const key of keys)
      out.push(key === 'other' ? { key, ...base, context: clause.before + m[0] } : { key, ...base });
  }
  return out;
}

/** A count right after what it counts, ending its clause (案件一件，); 一起 only after a case or a dispute. */
function countEnds(text: string, numStart: number, end: number, unit: string): boolean {
  // Not before 、: a motto's pair (调处一件、巩固一件).
  if (!/^(?:[，,。；;）)（(：:]|\s*$)/.test(text.slice(end, end + 1))) return false;
  return (
    unit !== '起' || /(?:案件?|纠纷|事件|事故|矛盾)$/.test(text.slice(Math.max(0, numStart - 4), numStart))
  );
}

/** A target named after its figures (化解率95%以上、按期办结率100%的目标). */
const TARGET_AFTER = /^[^，,。；;]{0,30}的(工作|年度)?目标/;

/** A list item that opens with a verb of its own. */
const ITEM_VERB = /^(采取|开展|组织|办理|召开|举办|出动|作出|实施|制定|印发|发放)/;

/** A heading line: 一、…, （二）…, 3.… (at most 40 characters, no full stop). */
const HEADING_LINE = new RegExp(`^\\s*${HEADING_NUMBER}[^。\\n]{0,40}$`);

/** The heading right above a paragraph that opens at `start` (blank lines between), or ''. */
function headingAbove(text: string, start: number): string {
  if (start < 2 || text[start - 1] !== '\n') return '';
  // Only the 48 characters before the blank lines: a text with no line breaks stays linear.
  let end = start - 1;
  while (end > 0 && /\s/.test(text[end - 1]!) && start - end < 8) end--;
  const from = Math.max(0, end - 48);
  const at = text.slice(from, end).lastIndexOf('\n');
  if (at < 0 && from > 0) return '';
  const line = text.slice(at < 0 ? 0 : from + at + 1, end);
  return HEADING_LINE.test(line) ? line : '';
}

/** A list led by the 中心组, no item counted on its own, whose later items name no one else. */
const CENTER_LIST =
  /^[^、，,\d]{0,8}中心组[^、，,\d]{0,12}、(?![^，,]*(干部|职工|党员|人员|群众|村民|居民|学生|班子|支部|培训|考试|宣传|普法|进[村校企社]))[^，,\d]*$/;

/** One count in a list of counts (46次、52处、49处). */
const COUNT_ITEM = `[\\d.,${CN_NUMERAL_CHARS}万千]{1,14}(?:余|多)?(?:${UNIT_RE})(?:以上|左右|余)?`;
/** Names, then 分别 and the counts before this one (执法检查、发现问题、整改到位分别为46次、52处、). */
const RESPECTIVE_COUNTS = new RegExp(
  `^([^§]+?)分别(?:为|是|达到|达|有|开展|召开|组织|举办|完成|办理|受理|化解|发放)?((?:\\s*${COUNT_ITEM}\\s*[、和及与]\\s*)*)$`,
);
/** The counts after this one in such a list. */
const LATER_COUNTS = new RegExp(`^(?:\\s*[、和及与]\\s*${COUNT_ITEM})*`);
const COUNT_ITEMS = new RegExp(COUNT_ITEM, 'g');
const NAME_SPLIT = /[、和及与]/;
/** A name that is a body, not a thing done or counted (党工委会, 主任办公会, 司法所). */
const BODY_END = /(?:会|党委|党工委|政府|办|所|中心|小组)$/;

/**
 * The name a count stands for in a list given 分别 (the second count: the second name), with the
 * list's verb, when the list has as many counts as names; else undefined.
 */
function respectiveItem(wide: string, rest: string): { name: string; verb: string } | undefined {
  if (!wide.includes('分别')) return undefined;
  const m = RESPECTIVE_COUNTS.exec(wide);
  if (!m) return undefined;
  // Bodies named before what they did share its name (党工委会、主任办公会研究法治建设议题).
  const names = m[1]!
    .split(NAME_SPLIT)
    .filter(Boolean)
    .reduce<string[]>(
      (all, n) =>
        all.length && BODY_END.test(all.at(-1)!)
          ? [...all.slice(0, -1), `${all.at(-1)!}、${n}`]
          : [...all, n],
      [],
    );
  const at = (m[2]!.match(COUNT_ITEMS) ?? []).length;
  const later = (LATER_COUNTS.exec(rest)![0].match(COUNT_ITEMS) ?? []).length;
  if (names.length < 2 || names.length !== at + 1 + later) return undefined;
  // The list's verb, said before its first name (审查行政规范性文件、…、镇政府合同分别为…), is each name's.
  return { name: names[at]!, verb: LIST_VERB.exec(names[0]!)?.[0] ?? '' };
}

/** A verb opening a list's first name (全年审查行政规范性文件 → 全年审查). */
const LIST_VERB =
  /^[\u4e00-\u9fa5]{0,4}?(?:审查|审核|开展|组织|召开|举办|办理|受理|排查|化解|调处|发放|培训|检查)/;
/** A review's verb in a list's words, for an item that names only what was reviewed (合同协议26份). */
const REVIEW_VERB = /审查|审核/;

/** The items one count is given for each of (组织法治专题讲座和学法考试各4场), or undefined. */
function eachItem(wide: string): string[] | undefined {
  if (!wide.endsWith('各')) return undefined;
  const items = wide.slice(0, -1).split(NAME_SPLIT).filter(Boolean);
  return items.length >= 2 ? items : undefined;
}

/**
 * Extracts every counted figure (number + unit) with its catalogue key and its sentence, skipping
 * dates, holiday names (12·4), article numbers (第23条), plan names (“八五”), rule counts
 * (五项法定程序), frequencies (每月1次) and targets (力争…不低于98%). The text is in simplified
 * characters (`analyse` reads a report in traditional ones on its simplified copy).
 */
export function extractFigures(text: string): Figure[] {
  const out: Figure[] = [];
  const twins = new Set<Figure>();
  /**
   * The last figure given a key in each unit (the county's too, with the key it would have had), for
   * its parts: a rate between a count and its parts (化解率97.1%；其中劳资纠纷132宗) does not hide the count.
   */
  const lastKeyed = new Map<string, { key: string; end: number; words: string; county: boolean }[]>();
  const bounds = new Bounds(text);
  for (const m of text.matchAll(FIGURE)) {
    const [whole, prefix, ar, mult, cn, ar2, mult2, cn2, approxMid, unitRaw, suffix] = m;
    const start = m.index;
    const end = start + whole.length;
    const numStart = start + (prefix?.length ?? 0);
    const prev = text[numStart - 1] ?? '';
    const next = text[end] ?? '';
    if (prev === '第' || /[\d.·•A-Za-z]/.test(prev) || /^[·•.]\s?\d/.test(text.slice(numStart - 2, numStart)))
      continue;
    if (/^\s*[·•]/.test(text.slice(numStart - 2, numStart))) continue;
    // A plenum's ordinal (十届六次全会, 六届七次、八次全会精神): no count of the year's meetings.
    if (unitRaw === '次' && (prev === '届' || PLENUM_AFTER.test(text.slice(end, end + 24)))) continue;
    if (quoted(text, numStart, end)) continue;
    // A length of time (7个工作日内, 3个月): no count.
    if (unitRaw === '个' && DURATION_AFTER.test(text.slice(end, end + 4))) continue;
    const unit = unitRaw === '％' ? '%' : unitRaw!;
    if (cn !== undefined) {
      // 统一, 同一, 之一…; but a count after 合同 (协议合同二十余份) is a count.
      if (/[统唯万之其逐同单第周每]/.test(prev) && !(prev === '同' && cn !== '一')) continue;
      // 一 with another unit is mostly an article (一件事, 一名干部, 一起学习), unless it ends its
      // clause after what it counts (作出重大行政决策一项（…）, 行政诉讼案件一件，调处纠纷一起。).
      if (cn === '一' && !['次', '场次', '人次'].includes(unit) && !countEnds(text, numStart, end, unit))
        continue;
      if (unit === '次' && next === '性') continue;
      if (CN_START.test(next)) continue; // 一人一档
    }
    const value = numberValue(ar, mult, cn);
    if (value === null) continue;
    const max = numberValue(ar2, mult2, cn2);
    const qualifier = prefix ?? approxMid ?? suffix ?? null;
    const clause = bounds.clauseOf(start, end);
    const { after, previous } = clause;
    const before = clause.before;
    const wide = countedNoun(clause.wide);
    const where = sentenceFields(bounds, start);
    const sentence = where.sentence;
    const base = { value, unit, approx: qualifier !== null, qualifier, text: whole, start, end, ...where };
    const extra = max !== null ? { max } : {};
    const upTo = upToFigure(text, where.sentenceStart, start);
    // The paragraph up to the figure (at most 300 characters before the sentence, so a text with
    // no line breaks stays linear): a subject named a sentence earlier.
    const from = Math.max(0, where.sentenceStart - 300);
    const paragraphStart = from + text.slice(from, where.sentenceStart).lastIndexOf('\n') + 1;
    const paragraph = ownPoint(text.slice(paragraphStart, end));
    const section = headingAbove(text, paragraphStart);
    const keyOf = (clause: string, before = upTo) =>
      ruleForCount(clause, sentence, unit, paragraph, before, section);
    // 每半年听取一次汇报，召开一次专题会议: a 一次 after a frequency is the same frequency.
    const often = cn === '一' && /每(?:个|一|两|半)?[年季月周旬]/.test(upTo);
    // A threshold met everywhere (科室均实现2名以上…具备执法资格): no count.
    const threshold = qualifier === '以上' && /均(?:实现|达到|配备|落实|有)$/.test(before);
    const aside =
      TARGET.test(clause.wide + (prefix ?? '')) ||
      TARGET_AFTER.test(text.slice(end, end + 40)) ||
      PER_UNIT.test(before) ||
      FREQUENCY_AFTER.test(after) ||
      often ||
      threshold;
    if (unit === '%') {
      for (const key of rateKeys({ wide, before, after, upTo, sentence, aside, paragraph }))
        out.push(
          key === 'other' ? { key, ...base, ...extra, context: before + whole } : { key, ...base, ...extra },
        );
      continue;
    }
    if (value <= 10 && RULE_NOUN.test(after) && (cn !== undefined || unit === '项')) continue;
    // …unless the township is said to have done it (区法院委派的诉前调解案件48件由街道调委会承接).
    // Nor the county's people the township invited (邀请县司法局、县人民法院干警开展专题法治讲座2次).
    const ofCounty =
      !aside && countyOwned(upTo, before) && !OWN_AFTER.test(after) && !INVITED.test(clause.wide);
    // The clause first, then the list it is in, then the clause before a bare 共计; a rule that
    // says `other` (a quota, a target, petitions closed) ends the search.
    // A list summed by 等 (中心组专题学法、法治讲座等活动15次) is read whole first: its count is every item's.
    // So is a list whose first item names the 中心组 and whose later items name no one else
    // (开展中心组专题法治讲座、学习会、基层宣讲会7场): they are the 中心组's forms of study.
    const summed = wide !== before && (/等[\u4e00-\u9fa5]{0,4}$/.test(before) || CENTER_LIST.test(wide));
    if (!aside && !ofCounty) {
      // One count for each item of a list, the items under different keys: a figure under each.
      const items = eachItem(wide);
      const keys = items ? [...new Set(items.map((i) => keyOf(`${i}§${after}`, i)))] : [];
      const each = keys.filter((k): k is string => k !== undefined && k !== 'other');
      if (each.length >= 2 && each.length === keys.length) {
        for (const key of each) out.push({ key, ...base, ...extra });
        continue;
      }
    }
    // A list given 分别 (开展执法检查、发现问题、整改到位分别为46次、52处、49处): its own name's key.
    const named = aside ? undefined : respectiveItem(wide, text.slice(end, end + 120));
    let rule = aside
      ? 'other'
      : // A name of the list is read on its own words: the other names are no subject of it.
        ((named !== undefined
          ? (keyOf(`${named.name}§${after}`, named.name) ??
            (named.verb && !named.name.startsWith(named.verb)
              ? keyOf(`${named.verb}${named.name}§${after}`, named.name)
              : undefined))
          : undefined) ??
        (summed ? keyOf(`${wide}§${after}`) : undefined) ??
        keyOf(`${before}§${after}`));
    // A meeting counted in a list (…审核合同2657份、…联审会10次、联合执法会议5次) is no item of the
    // list's verb, nor is an item with a verb of its own (办理行政处罚案件15件、采取行政强制措施3件).
    if (rule === undefined && wide !== before && !/会议?$/.test(before) && !ITEM_VERB.test(before)) {
      // The item read with the list's verb first (审查各类文件和重大事项31件、合同协议26份: contracts
      // reviewed) when the items before it have counts of their own (文件、合同十六件 is one count of
      // both); then the list whole.
      const head = wide.slice(0, wide.length - before.length);
      const verb = LIST_COUNT.test(head) ? REVIEW_VERB.exec(head)?.[0] : undefined;
      rule = (verb ? keyOf(`${verb}${before}§${after}`, before) : undefined) ?? keyOf(`${wide}§${after}`);
    }
    if (rule === undefined && previous && !/[\u4e00-\u9fa5]{2}/.test(after))
      rule = keyOf(`${previous}${before}§`);
    // A bare total ending the sentence (…等，今年共计8场): its subject is earlier in the sentence.
    if (
      rule === undefined &&
      (BARE_TOTAL.test(before) || BARE_LIST.test(before)) &&
      !/[\u4e00-\u9fa5]{2}/.test(after)
    )
      rule = keyOf(`${upTo}§`);
    // A label before a colon names what its clauses count (干部学法考试：全年共组织2轮).
    // Only for a clause whose own words say no more than 全年共组织, or where and how (政府网站发布,
    // 召开专题会).
    const label =
      rule === undefined &&
      (FILLER.test(before.replace(/[\s\d年月度以来]/g, '')) ||
        GENERIC_CLAUSE.test(before) ||
        (/[|｜]\s*$/.test(text.slice(Math.max(0, clause.from - 4), clause.from)) &&
          before.trim().length <= 6))
        ? colonLabel(upTo)
        : '';
    if (label) rule = keyOf(`${label}${before}§${after}`);
    // Who, counted first, in a list that runs on to its verb (全镇136名机关干部、事业人员全部参加…考试):
    // the list's words after the figure, when no other count is in them.
    if (rule === undefined && text[end + after.length] === '、') {
      const rest = bounds.listAfter(end);
      if (!LIST_COUNT.test(rest)) rule = keyOf(`${before}§${rest}`);
    }
    // The county's figure is no township's (its key is kept for its parts, below).
    const natural = rule;
    if (ofCounty) rule = 'other';
    // A part after 其中, in the unit of the sentence's last keyed figure, takes that figure's key:
    // a kind of what it counts (排查矛盾纠纷137件，其中邻里纠纷52件、婚姻家庭纠纷31件), not a part of
    // other words (其中90分以上112人); of the county's figure, the township's share (全县共评选示范户
    // 520户，其中我镇42户).
    // A bare count right after another in a list (分别开展13场、19场、6场; 7场和11场): of the same kind.
    const prior = out.at(-1);
    const link =
      prior && prior.sentenceStart === where.sentenceStart && start - prior.end <= 4
        ? text.slice(prior.end, start)
        : '';
    if (
      (rule === undefined || (rule === 'other' && /^\s*[和及]\s*$/.test(link))) &&
      prior !== undefined &&
      prior.key !== 'other' &&
      prior.unit === unit &&
      /^\s*[、和及]\s*$/.test(link)
    )
      rule = prior.key;
    // The total a part belongs to: the latest of its unit, in its sentence (or the one its 其中 opens
    // after a 分号), whose words its kind shares (排查矛盾纠纷236件，化解231件…；其中土地流转纠纷41件:
    // the disputes found, not those resolved).
    const totals = lastKeyed.get(unit) ?? [];
    const total = totals.at(-1);
    const holder =
      rule === undefined
        ? totals.findLast(
            (t) =>
              partOf(text, t.end, start) &&
              /其中|分别/.test(text.slice(t.end, start)) &&
              (t.county ? OWN_SUBJECT.test(before) : EVENT_UNITS.has(unit) || kindOf(t.words, before)),
          )
        : undefined;
    const part = holder !== undefined;
    if (holder) rule = holder.key;
    // What was reviewed, by kind (合法性审查事项58件，其中行政规范性文件3件、重大行政决策事项4件): reviews,
    // whatever else its words name; the contracts among them are the contracts'.
    const reviewed =
      !part &&
      !aside &&
      total?.key === 'legal.reviews' &&
      partOf(text, total.end, start) &&
      rule !== 'legal.contracts_reviewed' &&
      /其中/.test(text.slice(total.end, start));
    if (reviewed) rule = total.key;
    if (!part && !reviewed && natural !== undefined && natural !== 'other')
      lastKeyed.set(unit, [
        ...(lastKeyed.get(unit) ?? []).slice(-(TOTALS_KEPT - 1)),
        { key: natural, end, words: before, county: ofCounty },
      ]);
    const key = rule ?? 'other';
    // Small Chinese counts outside the catalogue are mostly names (三个坚持, 两项制度): not figures.
    if (key === 'other' && (RULE_NOUN.test(after) || (cn !== undefined && value <= 10))) continue;
    out.push(
      key === 'other'
        ? { key, ...base, ...extra, context: `${before.slice(-16)}${whole}${after.slice(0, 12)}` }
        : { key, ...base, ...extra },
    );
    // One verb for two steps (排查化解矛盾纠纷87件): the other step's figure too.
    const twin = TWIN_KEYS.find((t) => t.keys.includes(key) && t.words.test(before));
    if (twin) {
      const other = { key: twin.keys.find((k) => k !== key)!, ...base, ...extra };
      out.push(other);
      twins.add(other);
    }
  }
  // …unless the sentence gives the other step a figure of its own (排查化解45件，成功化解43件), not
  // one of its parts (其中通过诉前调解化解13件).
  if (twins.size) {
    // The other figures of each sentence and key, in reading order: a twin's rival is one before it,
    // or the first after it with no 其中 between (a later one has the 其中 between too).
    const own = new Map<string, Figure[]>();
    for (const f of out) {
      if (twins.has(f)) continue;
      const k = `${f.sentenceStart}:${f.key}`;
      const fs = own.get(k);
      if (fs) fs.push(f);
      else own.set(k, [f]);
    }
    const rivalled = (t: Figure) => {
      const fs = own.get(`${t.sentenceStart}:${t.key}`) ?? [];
      if (fs.length && fs[0]!.start <= t.end) return true;
      const next = fs[firstWhere(fs, (f) => f.start > t.end)];
      return next !== undefined && !/其中|包括/.test(text.slice(t.end, next.start));
    };
    const kept = out.filter((t) => !twins.has(t) || !rivalled(t));
    out.length = 0;
    out.push(...kept);
  }
  const worded = wordedRates(text, bounds);
  return worded.length ? [...out, ...worded].sort((a, b) => a.start - b.start) : out;
}
