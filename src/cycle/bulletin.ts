import { AlignmentType, HeadingLevel, HighlightColor, Paragraph, TextRun, type Table } from 'docx';
import { DATE_PENDING } from '../report/model/types.ts';
import { blank, gbtDocument, gridTable, packDocx, title } from '../report/render/docx.ts';
import { FONT, NO_INDENT, fonts, printedDate, signatureIndents } from '../report/render/gbt9704.ts';
import type { Finding, ReviewResult } from '../review/types.ts';
import { dayOf, publishDeadline, timeliness, type Timeliness } from './comparison.ts';
import type { CrossFinding } from './crosscheck.ts';

/**
 * The county's 通报 draft on the year's annual reports (依法治县办): who submitted and published
 * on time, what the review found, which figures disagree with the ledger, which reports share
 * copied passages, and what each township must do. GB/T 9704 like the township report. Pure: the
 * caller passes the dates, findings and `now`.
 */

/** One township's standing for the 通报. */
export interface BulletinTownship {
  readonly name: string;
  /** The report's state as shown (已报送, 已公开…). */
  readonly state: string;
  /** ISO date or timestamp; null when not (yet) done. */
  readonly submittedAt: string | null;
  readonly publishedAt: string | null;
  /** The reviewer's findings (errors and warnings are reported; info is left out). */
  readonly findings: readonly Pick<Finding, 'severity' | 'message'>[];
  /** The cross-check of its report against its ledger. */
  readonly crossFindings: readonly Pick<CrossFinding, 'severity' | 'kind' | 'label' | 'message'>[];
}

/** Two townships whose reports share copied passages, and how many characters they share. */
export interface CopiedPair {
  readonly a: string;
  readonly b: string;
  readonly chars: number;
}

export interface BulletinInput {
  /** The county (某县); the office defaults to “{county}全面依法治县委员会办公室”. */
  readonly county: string;
  readonly year: number;
  readonly office?: string;
  /** 主送机关; default 各乡镇人民政府、街道办事处. */
  readonly addressee?: string;
  /** The county's submission deadline (ISO date). */
  readonly submitBy: string;
  /** Publication deadline (ISO date); default 31 March of the next year (before 1 April). */
  readonly publishBy?: string;
  /** Today (ISO date or timestamp): what is not yet due is not late. */
  readonly now: string;
  /** 成文日期 (ISO date); null or absent prints the pending placeholder, highlighted. */
  readonly date?: string | null;
  readonly townships: readonly BulletinTownship[];
  readonly similarities: readonly CopiedPair[];
}

/** The 通报's title. */
export const bulletinTitle = (year: number): string =>
  `关于${year}年度各乡镇（街道）法治政府建设年度报告报送和公开情况的通报`;

/** Title lines broken where the meaning allows: before 年度报告. */
export const titleLines = (year: number): string[] => {
  const t = bulletinTitle(year);
  const at = t.indexOf('年度报告报送');
  return [t.slice(0, at), t.slice(at)];
};

export const defaultOffice = (county: string): string => `${county}全面依法治县委员会办公室`;

/**
 * Township pairs with copied passages, from reviews of the same batch: each review's similarity
 * names the other file, and the shared characters are its passages' length. A pair is given once,
 * with the larger of its two readings, most copied first.
 */
export function copiedPairs(
  reviews: readonly {
    readonly township: string;
    readonly review: Pick<ReviewResult, 'file' | 'similarity'>;
  }[],
): CopiedPair[] {
  const byFile = new Map(reviews.map((r, i) => [r.review.file, { township: r.township, i }]));
  const pairs = new Map<string, CopiedPair>();
  reviews.forEach((r, i) => {
    for (const s of r.review.similarity) {
      const other = byFile.get(s.other);
      if (other === undefined || other.township === r.township) continue;
      const chars = s.passages.reduce((n, p) => n + p.text.length, 0);
      if (chars === 0) continue;
      // In the order the townships were given: 甲镇与乙镇, whichever report was read first.
      const [a, b] = i < other.i ? [r.township, other.township] : [other.township, r.township];
      const key = `${a}\u0000${b}`;
      if ((pairs.get(key)?.chars ?? 0) < chars) pairs.set(key, { a, b, chars });
    }
  });
  return [...pairs.values()].sort((x, y) => y.chars - x.chars);
}

/** Chinese list of names: 甲镇、乙镇. */
const names = (list: readonly string[]): string => list.join('、');

/** Whole days from one ISO date to another. */
const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${dayOf(to)}T00:00:00Z`) - Date.parse(`${dayOf(from)}T00:00:00Z`)) / 86_400_000);

const CN_ORDINAL = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const cnParen = (i: number): string => `（${CN_ORDINAL[i] ?? String(i + 1)}）`;

/** Most messages of one township's review findings given in the 通报; the rest are counted. */
const MAX_FINDINGS = 6;

interface Standing {
  readonly t: BulletinTownship;
  readonly submit: Timeliness;
  readonly publish: Timeliness;
  readonly mismatches: readonly BulletinTownship['crossFindings'][number][];
  readonly unrecorded: readonly BulletinTownship['crossFindings'][number][];
  /** Distinct error and warning messages, errors first, with how often each occurs. */
  readonly problems: readonly { readonly message: string; readonly count: number }[];
}

function standing(input: BulletinInput, t: BulletinTownship): Standing {
  const publishBy = input.publishBy ?? publishDeadline(input.year);
  const counted = new Map<string, number>();
  for (const sev of ['error', 'warning'] as const)
    for (const f of t.findings.filter((x) => x.severity === sev))
      counted.set(f.message, (counted.get(f.message) ?? 0) + 1);
  return {
    t,
    submit: timeliness(t.submittedAt, input.submitBy, input.now),
    publish: timeliness(t.publishedAt, publishBy, input.now),
    mismatches: t.crossFindings.filter((f) => f.kind === 'mismatch'),
    unrecorded: t.crossFindings.filter((f) => f.kind === 'missing'),
    problems: [...counted].map(([message, count]) => ({ message, count })),
  };
}

const body = (text: string) => new Paragraph({ children: [new TextRun(text)] });
const heading1 = (text: string) =>
  new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(text)] });
const heading2 = (text: string) =>
  new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(text)] });
/** A paragraph led by a 楷体 level-2 heading in the same line: （一）核实更正数据。text… */
const led = (lead: string, text: string, keepNext = false) =>
  new Paragraph({
    keepNext,
    children: [new TextRun({ text: lead, font: fonts(FONT.heading2) }), new TextRun(text)],
  });
const flush = (text: string) => new Paragraph({ style: 'FzFlush', children: [new TextRun(text)] });

/** A count sentence part: 逾期报送2个（甲镇、乙镇）, or nothing when there are none. */
const part = (label: string, list: readonly Standing[]): string[] =>
  list.length ? [`${label}${list.length}个（${names(list.map((s) => s.t.name))}）`] : [];

function overview(input: BulletinInput, all: readonly Standing[]): Paragraph[] {
  const publishBy = input.publishBy ?? publishDeadline(input.year);
  const by = (k: 'submit' | 'publish', v: Timeliness) => all.filter((s) => s[k] === v);
  const sub = [
    `按期报送${by('submit', 'on_time').length}个`,
    ...part('逾期报送', by('submit', 'late')),
    ...part('逾期未报送', by('submit', 'missing')),
    ...part('尚未报送（未到报送期限）', by('submit', 'pending')),
  ];
  const pub = [
    `按期公开${by('publish', 'on_time').length}个`,
    ...part('逾期公开', by('publish', 'late')),
    ...part('逾期未公开', by('publish', 'missing')),
    ...part('尚未公开（未到公开期限）', by('publish', 'pending')),
  ];
  const submitted = all.filter((s) => s.t.submittedAt !== null);
  const copied = new Set(input.similarities.flatMap((p) => [p.a, p.b]));
  const clean = submitted.filter(
    (s) => !s.mismatches.length && !s.unrecorded.length && !s.problems.length && !copied.has(s.t.name),
  );
  const pairs = input.similarities.length;
  const content = [
    ...(clean.length ? [`${clean.length}个乡镇（街道）的报告内容完整、数据与台账一致`] : []),
    ...part(
      '报告数据与工作台账不一致的',
      submitted.filter((s) => s.mismatches.length),
    ),
    ...part(
      '报告数据在台账中没有记录的',
      submitted.filter((s) => !s.mismatches.length && s.unrecorded.length),
    ),
    ...part(
      '报告缺少法定内容或表述不规范的',
      submitted.filter((s) => s.problems.length),
    ),
    ...(pairs ? [`${pairs}对乡镇（街道）的报告存在大段相同内容`] : []),
  ];
  const scope = /[县区市旗]$/.exec(input.county)?.[0] ?? '县';
  const today = dayOf(input.now);
  const asOf = (deadline: string, what: string) =>
    today < deadline ? `截至${printedDate(today)}` : `截至${printedDate(deadline)}${what}`;
  return [
    body(
      `全${scope}共${all.length}个乡镇（街道）。${asOf(input.submitBy, '报送期限')}，${sub.join('，')}。按照年度报告于${input.year + 1}年4月1日前向社会公开的要求，${asOf(publishBy, '')}，${pub.join('，')}。`,
    ),
    ...(submitted.length
      ? [
          body(
            `我办对已报送的${submitted.length}份报告逐一审阅，并与各乡镇（街道）工作台账进行了核对。其中，${content.join('；')}。`,
          ),
        ]
      : []),
  ];
}

function lateness(input: BulletinInput, s: Standing): string[] {
  const publishBy = input.publishBy ?? publishDeadline(input.year);
  const out: string[] = [];
  if (s.submit === 'late')
    out.push(
      `${printedDate(dayOf(s.t.submittedAt!))}报送，逾期${daysBetween(input.submitBy, s.t.submittedAt!)}天`,
    );
  if (s.submit === 'missing') out.push('至今未报送');
  if (s.publish === 'late')
    out.push(
      `${printedDate(dayOf(s.t.publishedAt!))}公开，逾期${daysBetween(publishBy, s.t.publishedAt!)}天`,
    );
  if (s.publish === 'missing' && s.submit !== 'missing') out.push('至今未公开');
  return out;
}

function problems(input: BulletinInput, all: readonly Standing[]): (Paragraph | Table)[] {
  const groups: { heading: string; paras: string[] }[] = [];
  const late = all.flatMap((s) => {
    const l = lateness(input, s);
    return l.length ? [`${s.t.name}${l.join('，')}。`] : [];
  });
  if (late.length) groups.push({ heading: '报送和公开不及时', paras: [late.join('')] });
  const content = all
    .filter((s) => s.problems.length)
    .map((s) => {
      const shown = s.problems
        .slice(0, MAX_FINDINGS)
        .map((p) => (p.count > 1 ? `${p.message}（${p.count}处）` : p.message));
      const rest = s.problems.length - shown.length;
      return `${s.t.name}：${shown.join('；')}${rest > 0 ? `；另有${rest}类问题` : ''}。`;
    });
  if (content.length) groups.push({ heading: '报告内容不完整、表述不规范', paras: content });
  const data = all
    .filter((s) => s.mismatches.length || s.unrecorded.length)
    .map((s) => {
      const parts = [
        ...(s.mismatches.length ? [s.mismatches.map((f) => f.message).join('；')] : []),
        ...(s.unrecorded.length
          ? [
              `报告中${names([...new Set(s.unrecorded.map((f) => f.label))])}等${s.unrecorded.length}项数据在台账中没有记录`,
            ]
          : []),
      ];
      return `${s.t.name}：${parts.join('；')}。`;
    });
  if (data.length) groups.push({ heading: '报告数据与工作台账不一致', paras: data });
  if (input.similarities.length)
    groups.push({
      heading: '报告内容雷同',
      paras: [
        input.similarities.map((p) => `${p.a}与${p.b}的报告有${p.chars}字相同`).join('；') +
          '，存在照搬照抄其他乡镇（街道）报告的情况。',
      ],
    });
  if (!groups.length) return [body('本年度未发现突出问题。')];
  return groups.flatMap((g, i) => [heading2(`${cnParen(i)}${g.heading}`), ...g.paras.map((p) => body(p))]);
}

function requests(input: BulletinInput, all: readonly Standing[]): Paragraph[] {
  const publishBy = input.publishBy ?? publishDeadline(input.year);
  const who = (f: (s: Standing) => boolean) => names(all.filter(f).map((s) => s.t.name));
  const items: [string, string][] = [];
  const mismatch = who((s) => s.mismatches.length > 0);
  if (mismatch)
    items.push([
      '核实更正报告数据。',
      `${mismatch}要对照工作台账逐项核实报告中的数据，自收到本通报之日起10个工作日内修改报告，重新履行签发程序后报送我办；已公开的，要在原公开渠道重新公开，并附更正说明。`,
    ]);
  const unrecorded = who((s) => s.unrecorded.length > 0);
  if (unrecorded)
    items.push([
      '补齐工作台账。',
      `${unrecorded}要对报告中台账没有记录的数据补录台账、补充佐证材料，无法补录的要在报告中说明数据来源。`,
    ]);
  const notSubmitted = who((s) => s.submit === 'missing');
  const lateSubmitted = who((s) => s.submit === 'late');
  if (notSubmitted || lateSubmitted)
    items.push([
      '按时报送报告。',
      [
        ...(notSubmitted ? [`${notSubmitted}要立即报送年度报告`] : []),
        ...(lateSubmitted ? [`${lateSubmitted}要向我办书面说明逾期报送的原因`] : []),
      ].join('；') + '。',
    ]);
  const unpublished = who(
    (s) => s.t.submittedAt !== null && (s.publish === 'missing' || s.publish === 'pending'),
  );
  if (unpublished) {
    const when = all.some((s) => s.publish === 'missing') ? '立即' : `于${printedDate(publishBy)}前`;
    items.push([
      '依法公开报告。',
      `${unpublished}要在完成保密审查后${when}通过政府门户网站向社会公开年度报告，并将公开网址报送我办。`,
    ]);
  }
  const content = who((s) => s.problems.length > 0);
  if (content)
    items.push([
      '补齐法定内容、规范文字表述。',
      `${content}要对照年度报告应当包括的五项内容逐项补充完善，并规范文字表述。`,
    ]);
  const inPairs = new Set(input.similarities.flatMap((p) => [p.a, p.b]));
  const copied = who((s) => inPairs.has(s.t.name));
  if (copied)
    items.push(['杜绝照搬照抄。', `${copied}要结合本地实际撰写报告，不得照搬照抄其他乡镇（街道）的报告。`]);
  items.push([
    '加强日常台账管理。',
    '各乡镇（街道）要以工作台账作为年度报告数据的依据，及时、完整录入法治政府建设各项工作记录，做到报告数据有据可查、可核对。',
  ]);
  // The last request keeps with the closing, so the signature never stands alone on a page.
  return items.map(([lead, text], i) => led(`${cnParen(i)}${lead}`, text, i === items.length - 1));
}

const APPENDIX = '各乡镇（街道）年度报告报送和公开情况表';
const TIMELINESS_SHORT: Readonly<Record<Timeliness, string>> = {
  on_time: '按期',
  late: '逾期',
  missing: '未完成',
  pending: '未到期',
};

function appendix(all: readonly Standing[]): (Paragraph | Table)[] {
  return [
    new Paragraph({
      style: 'FzFlush',
      pageBreakBefore: true,
      children: [new TextRun({ text: '附件', font: fonts(FONT.heading1) })],
    }),
    blank(),
    title([APPENDIX]),
    blank(),
    gridTable(
      ['乡镇（街道）', '报送日期', '报送', '公开日期', '公开', '数据不一致'],
      all.map((s) => [
        s.t.name,
        s.t.submittedAt ? dayOf(s.t.submittedAt) : '—',
        TIMELINESS_SHORT[s.submit],
        s.t.publishedAt ? dayOf(s.t.publishedAt) : '—',
        TIMELINESS_SHORT[s.publish],
        s.mismatches.length ? `${s.mismatches.length}项` : '—',
      ]),
      [1945, 1500, 1200, 1500, 1200, 1500],
      ['left', 'center', 'center', 'center', 'center', 'center'],
    ),
  ];
}

/** The 附件说明, the issuing organ centred over the 成文日期, kept with the body's last paragraph. */
function closing(input: BulletinInput): Paragraph[] {
  const organ = input.office ?? defaultOffice(input.county);
  const date = input.date ? printedDate(dayOf(input.date)) : DATE_PENDING;
  const ind = signatureIndents(organ, date);
  const keep = { keepNext: true, keepLines: true } as const;
  const sign = (right: number) => ({ alignment: AlignmentType.RIGHT, indent: { right, ...NO_INDENT } });
  return [
    blank(keep),
    new Paragraph({ ...keep, children: [new TextRun(`附件：${APPENDIX}`)] }),
    blank(keep),
    blank(keep),
    new Paragraph({ style: 'FzFlush', ...keep, ...sign(ind.organ), children: [new TextRun(organ)] }),
    new Paragraph({
      style: 'FzFlush',
      keepLines: true,
      ...sign(ind.date),
      children: [
        new TextRun(
          date === DATE_PENDING ? { text: date, highlight: HighlightColor.YELLOW } : { text: date },
        ),
      ],
    }),
  ];
}

/** The 通报's paragraphs in order (title to appendix). */
export function bulletinBody(input: BulletinInput): (Paragraph | Table)[] {
  const all = input.townships.map((t) => standing(input, t));
  const addressee = input.addressee ?? '各乡镇人民政府、街道办事处';
  const office = input.office ?? defaultOffice(input.county);
  const intro = `按照《法治政府建设与责任落实督察工作规定》有关要求，各乡镇（街道）应于${printedDate(input.submitBy)}前向${office}报送${input.year}年度法治政府建设年度报告，并于${input.year + 1}年4月1日前向社会公开。我办对各乡镇（街道）年度报告的报送、公开和内容进行了审核，并将报告数据与工作台账进行了核对。现将有关情况通报如下：`;
  return [
    title(titleLines(input.year)),
    blank(),
    flush(`${addressee}：`),
    body(intro),
    heading1('一、总体情况'),
    ...overview(input, all),
    heading1('二、主要问题'),
    ...problems(input, all),
    heading1('三、下一步要求'),
    ...requests(input, all),
    ...closing(input),
    ...appendix(all),
  ];
}

/**
 * The 通报 draft as a GB/T 9704 .docx: title, addressee, 一、总体情况, 二、主要问题 (by township),
 * 三、下一步要求 (composed from what was found), the office's signature with a pending date, and
 * the appendix table of dates.
 */
export async function bulletinDocx(input: BulletinInput): Promise<Uint8Array> {
  return packDocx(gbtDocument(bulletinTitle(input.year), bulletinBody(input)));
}
