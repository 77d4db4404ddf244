import type { Heading, Parts, PartKey } from './types.ts';

/**
 * What each statutory item sounds like (法治政府建设与责任落实督察工作规定 第25条: the five
 * content items of the annual report). Tested on top-level heading text, in this order.
 */
const HEADING_MEANING: readonly { part: PartKey; re: RegExp }[] = [
  { part: 'shortcomings', re: /不足|问题|短板|差距|薄弱|困难|弱项/ },
  {
    part: 'nextYear',
    re: /下一步|下一年|下年度|明年|来年|今后|计划|安排|打算|思路|展望|方向|工作重点|工作谋划|谋划(?:和|与)?(?:安排|打算)|20\d{2}年(?:度)?(?:工作)?(?:重点|目标|任务)/,
  },
  { part: 'leaderDuty', re: /第一责任人|主要负责人|履行.{0,12}职责/ },
  { part: 'other', re: /其他|其它/ },
  {
    part: 'measures',
    re: /举措|成效|工作情况|主要做法|开展情况|基本情况|推进.{0,12}情况|主要工作|工作开展|取得/,
  },
];

/** Words that give a cause (原因) rather than only name a shortcoming. */
export const CAUSE_WORDS =
  /原因|由于|受[^。；\n]{1,30}(影响|制约|限制|局限)|导致|造成|因为|归根|根源|究其|主观上|客观上|缘于|源于|所致|是因/;

/** The first-responsibility account in the text, wherever it is (often folded into item 1). */
const LEADER_DUTY =
  /第一责任人[^。\n]{0,12}(职责|责任)|(主要负责人|主要领导|党委书记|书记|镇长|乡长)[^。\n]{0,30}第一责任人|第一责任人[^。\n]{0,30}(主要负责人|书记|镇长|乡长)/;

/** Who the principal leaders are, and what they do when the account is more than a passing clause. */
const LEADER = /书记|镇长|乡长|主任|主要负责人|主要领导|党政一把手|班子成员/;
/** Without the words 第一责任人: the principal leaders themselves, acting on the rule of law. */
const PRINCIPAL = /党委书记|党工委书记|[镇乡]长|街道办事处主任|主要负责人|主要领导|党政一把手/;
const LAW = /法治|依法|普法|学法|讲法|法律/;
const ACTION =
  /主持|召开|带头|亲自|部署|督办|过问|研究|听取|带队|批示|讲授|授课|讲法|述法|签订|约谈|审定|审签|调度|督导|把关|讲党课|作出|专题|点评|述职|旁听/g;

/**
 * The first-responsibility account: a paragraph naming the duty whose sentences say what the
 * principal leaders did (two kinds of action or more), not a clause saying the duty was fulfilled.
 */
function leaderDutyAccount(text: string): boolean {
  for (const para of text.split('\n')) {
    if (!LEADER.test(para)) continue;
    if (LEADER_DUTY.test(para)) {
      if (new Set(para.match(ACTION) ?? []).size >= 2) return true;
      continue;
    }
    // Without naming the duty: sentences whose subject is a principal leader, saying what they did.
    const own = para.split(/[。；]/).filter((x) => PRINCIPAL.test(x) && LAW.test(x));
    if (new Set(own.flatMap((x) => x.match(ACTION) ?? [])).size >= 3) return true;
  }
  return false;
}

export interface Section {
  part: PartKey | null;
  heading: Heading;
  /** Body range (after the heading line) in the text. */
  start: number;
  end: number;
}

/** Splits the text into top-level sections and names the statutory item each one is. */
export function sections(text: string, headings: readonly Heading[]): Section[] {
  const top = headings.filter((h) => h.level === 1);
  const out: Section[] = top.map((h, i) => {
    const found = HEADING_MEANING.find((m) => m.re.test(h.text));
    return { part: found?.part ?? null, heading: h, start: h.end, end: top[i + 1]?.start ?? text.length };
  });
  // An unnamed first section before the shortcomings is the measures and results.
  const firstShort = out.findIndex((s) => s.part === 'shortcomings');
  if (
    !out.some((s) => s.part === 'measures') &&
    out[0] &&
    out[0].part === null &&
    (firstShort < 0 || firstShort > 0)
  ) {
    out[0].part = 'measures';
  }
  return out;
}

/** Which statutory parts are present, recognised by headings and by what the text says. */
export function findParts(text: string, headings: readonly Heading[]): { parts: Parts; sections: Section[] } {
  const secs = sections(text, headings);
  const has = (p: PartKey) => secs.some((s) => s.part === p);
  const noSections = secs.length === 0;
  const parts: Parts = {
    measures: has('measures') || (noSections && /举措|成效|主要做法|工作开展情况/.test(text)),
    shortcomings:
      has('shortcomings') || (noSections && /存在的(问题|不足)|不足之处|仍(然)?存在|还存在/.test(text)),
    causes: false,
    leaderDuty: has('leaderDuty') || leaderDutyAccount(text),
    nextYear: has('nextYear') || (noSections && /下一步|下一年度|明年/.test(text)),
    other: has('other') || /其他需要报告的(情况|事项)/.test(text),
  };
  const shortSecs = secs.filter((s) => s.part === 'shortcomings');
  const bodies = shortSecs.length
    ? shortSecs.map((s) => bodyWithoutHeadings(text, s, headings))
    : noSections && parts.shortcomings
      ? [text]
      : [];
  const causeHeading = headings.some(
    (h) => h.level > 1 && /原因/.test(h.text) && shortSecs.some((s) => h.start >= s.start && h.start < s.end),
  );
  parts.causes = causeHeading || bodies.some((b) => CAUSE_WORDS.test(b));
  return { parts, sections: secs };
}

function bodyWithoutHeadings(text: string, s: Section, headings: readonly Heading[]): string {
  let body = text.slice(s.start, s.end);
  // Heading words such as 存在的不足及原因 name causes without giving any.
  for (const h of headings) if (h.start >= s.start && h.start < s.end) body = body.replace(h.text, '');
  return body;
}
