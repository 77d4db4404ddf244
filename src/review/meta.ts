import { signatureTail } from './checks.ts';
import { toSimplified } from './hanzi.ts';
import { linesOf } from './lines.ts';
import { firstWhere } from './sorted.ts';
import type { Heading } from './types.ts';

/**
 * A web page's furniture above a published report: its metadata fields (索引号, 发布机构, 成文日期…,
 * often as a table or a bulleted list), the breadcrumb (您当前所在位置, 首页 >>) and page buttons.
 * None is the title: the title is the first line after them.
 */
export const PAGE_FURNITURE = new RegExp(
  '^[\\s•·\\-|｜丨\\[【]*(?:(?:索\\s*引\\s*号|发布机构|发文机构|发布单位|成文日期|成文时间|发文时间|发文日期|发布日期|发布时间|' +
    '中文域名|公开方式|公开形式|公开范围|主题分类|体裁分类|组配分类|信息分类|文\\s*号|发文字号|标\\s*题|名\\s*称|效力状态|有\\s*效\\s*性|' +
    '时效性|关\\s*键\\s*词|生成日期|废止日期|信息来源|来\\s*源|作\\s*者|浏览次数|点击数?|日\\s*期)\\s*[\\]】|:：]|' +
    '(?:您当前所在位置|当前位置|您当前位置|您当前的位置|您的位置|您现在的位置|您现在所在的位置|.{0,2}首\\s*页\\s*(?:>|＞|»|\\s|$))|加大字体|字体[:：]?\\s*[【\\[]?大|' +
    // A line beginning with a breadcrumb's arrow, a breadcrumb without 首页 (某镇>政府信息公开>公告公示),
    // a site's menu (网站首页 政府信息公开 互动交流).
    '(?:>|＞|»)|[^\\n]{0,20}[>＞»]\\s*(?:政府信息公开|政务公开|信息公开|专题专栏)|网站首页|' +
    // A row of links to other sites (中国政府网 | 某省人民政府网 | …).
    '[^|｜\\n]{0,12}政府网\\s*[|｜]|' +
    // Another article's title in a list of links (相关文章 · 某乡2023年法治政府建设年度报告), the
    // list's own name (相关链接：…), and the 正文 that marks where the article begins.
    '(?<=^\\s*[·•▪◆●])[^。\\n]{0,40}(?:报告|总结|公告|通知|通报|简报|要点|方案|计划|指南|清单)\\s*$|' +
    '(?:相关|推荐|热点|热门|最新)(?:文章|链接|阅读|信息|新闻|推荐|资讯)\\s*(?:$|[：:])|正\\s*文\\s*$|' +
    // A label in brackets on a line of its own (【最新公开】; not a placeholder, 【待定：签发日期】), a breadcrumb of slashes
    // (首页/政府信息公开/乡镇/杨柳铺镇).
    '【[^】：:\\n]{1,8}】\\s*$|(?:[\\u4e00-\\u9fa5]{1,10}\\s*[/／]\\s*){2,}[\\u4e00-\\u9fa5]{1,10}\\s*$|' +
    // Page buttons: print, font size, share, the screen-reader and large-print versions, and a
    // screen reader's notice (已打开某某栏目页面,本页面是由15个视窗区…组成).
    '打印[】\\]]|已打开.{0,40}页面|字体[:：]|分享到|(?:无障碍|长辈版|关怀版|适老化|简体\\s*[|｜]\\s*繁体)\\s*$|' +
    // A site's column (2024年法治政府建设年度报告专栏) on a line of its own.
    '[^\\n]{0,50}专栏\\s*$|' +
    // Below the article: links to the articles before and after it, the site's footer (主办单位：…,
    // 网站标识码, 桂ICP备12003456号, 版权所有).
    '(?:上一篇|下一篇|上一条|下一条|上篇|下篇)\\s*[:：]|(?:主办单位|承办单位|协办单位|主\\s*办|承\\s*办)\\s*[:：]|' +
    '版权所有|网站标识码|技术支持[:：]|网站地图|Copyright|©|[^\\n]{0,8}ICP[备證证]|' +
    // A breadcrumb without 首页: two or more arrows on a short line with no full stop or rate
    // (政务公开 ＞ 法治政府建设 ＞ …), not 化解率>95%，满意率>90%.
    '(?![^\\n]*[%％。])(?=[^\\n]{0,80}$)[^\\n]*[>＞»›][^\\n]*[>＞»›]|' +
    // The site's section names (政府信息公开, 乡镇信息公开) on a line of their own.
    '(?:政府|政务|乡镇|街道)?(?:信息)?公开(?:专栏|目录)?\\s*$)',
);

/**
 * A web page's buttons anywhere in a line (来源: 本网 发布机构: 【字体: 打印, 【字号, 【浏览字体:;
 * 注册 无障碍 关怀版, 网站无障碍 丨 关怀版, 繁體版, 智能机器人, 网站支持IPv6).
 */
const PAGE_BUTTONS =
  /[【[]\s*(?:浏览)?(?:字体|字号)|【打印】|浏览次数[:：]|无障碍[\s|｜丨]+关怀版|繁[體体]版|网站支持IPv6/;

/** A line of a web page's furniture rather than of the report. */
export const isFurniture = (line: string): boolean =>
  PAGE_FURNITURE.test(line) || PAGE_BUTTONS.test(line) || TOWNSHIP_MENU.test(line);

/**
 * A menu of the county's townships (兴隆镇 永安乡 太平镇 朝阳街道): a line of three or more names and
 * nothing else, not a sentence listing them (与兴隆镇、永安乡、太平镇签订协议).
 */
const TOWNSHIP_MENU =
  /^[\s|｜丨·/]*(?:[\u4e00-\u9fa5]{1,8}(?:镇|乡|街道)[\s|｜丨·/]+){2,}[\u4e00-\u9fa5]{1,8}(?:镇|乡|街道)[\s|｜丨·/]*$/;

/**
 * Whether an offset lies in a web page's own words rather than the report's: a line of its
 * furniture (首页 > 政务公开 > 法治政府年度报告, 【打印】) or the banner above the title (`banner`,
 * from findTitle). Found once a document, then a binary search per offset: a crafted text may
 * have many such lines and many matches.
 */
export function pageText(text: string, banner: number): (at: number) => boolean {
  const spans: [number, number][] = banner > 0 ? [[0, banner]] : [];
  for (const { text: line, start } of linesOf(text))
    if (start >= banner && isFurniture(line)) spans.push([start, start + line.length]);
  return (at) => {
    const lo = firstWhere(spans, (s) => s[1] > at);
    return lo < spans.length && spans[lo]![0] <= at;
  };
}

/**
 * The title: the first non-empty lines before the body, joined (titles often wrap onto two lines).
 * `banner` is where the web page's banner and furniture above it end (0 when there are none).
 */
export function findTitle(
  text: string,
  headings: readonly Heading[],
): { title: string; end: number; banner: number } {
  const firstHeading = headings[0]?.start ?? text.length;
  const parts: string[] = [];
  let end = 0;
  let banner = 0;
  const lines = linesOf(text);
  for (let i = 0; i < lines.length; i++) {
    const { text: raw, start: lineStart } = lines[i]!;
    const line = raw.trim();
    if (!line) {
      if (parts.length && toSimplified(parts.join('')).includes('报告')) break;
      continue;
    }
    // Page furniture before the title; what came above it was the site's banner, not the title.
    if (lineStart < firstHeading && isFurniture(toSimplified(line))) {
      parts.length = 0;
      banner = lineStart + raw.length + 1;
      continue;
    }
    // A document's header above the title (签发人：某某, 某政报〔2025〕2号): the report's own lines, no title.
    if (lineStart < firstHeading && HEADER_LINE.test(line)) {
      parts.length = 0;
      continue;
    }
    if (lineStart >= firstHeading || line.length > 50 || /[：:]$/.test(line) || /[。；]/.test(line)) break;
    // A site's channel named above the title (镇街法治政府建设报告, 2024法治政府建设情况报告公示): no
    // year of its own, with a dated title right under it. The banner's, not the title's.
    // So is a line with a year of its own above a dated title (2025年度政府信息公开指南, a sidebar's
    // link): a title states one year.
    const read = toSimplified(parts.join(''));
    if ((channel(read) || DATED.test(read)) && datedTitle(line)) {
      parts.length = 0;
      banner = lineStart;
    }
    parts.push(line);
    end = lineStart + raw.length;
    if (parts.length >= 3) break;
    if (/(报告|情况|总结)$/.test(toSimplified(line))) {
      let j = i + 1;
      while (j < lines.length && !lines[j]!.text.trim()) j++;
      const next = lines[j]?.text.trim();
      if (DATED.test(toSimplified(line)) || !next || !datedTitle(next)) break;
    }
  }
  return { title: parts.join(''), end, banner: parts.length ? banner : 0 };
}

/** Words before a township that make it a neighbour, not the one reporting. */
const NEIGHBOUR = /(与|和|同|跟|联合|协同|邻近的?|相邻的?|毗邻的?|周边的?)(邻?[县市区旗])?$/;
/** Whether the township `org`, whose suffix is at `at`, is named as a neighbour. */
function neighbour(s: string, org: string, at: number): boolean {
  const start = s.lastIndexOf(org.slice(0, 2), at);
  return start >= 0 && NEIGHBOUR.test(s.slice(Math.max(0, start - 6), start));
}

/** A header line of a document: who signed it, or its number alone. */
const HEADER_LINE =
  /^(?:签发人|签批人)\s*[:：]|^[\u4e00-\u9fa5]{1,12}\s*[〔[［（(]\s*\d{4}\s*[〕\]］）)]\s*\d{1,4}\s*号$/;

/** A year in a title (2024年, 二〇二四年度). */
const DATED = /(?:20\d{2}|[〇零一二三四五六七八九]{4})\s*年/;
/** Lines read so far that name a channel, not a report: a report's name with no year (…报告公示). */
const channel = (read: string): boolean => /(报告|总结)(公示)?$/.test(read) && !DATED.test(read);
/** A line that reads as a dated title (…关于2024年度法治政府建设情况的报告). */
const datedTitle = (line: string): boolean => {
  const plain = toSimplified(line);
  return plain.length <= 50 && DATED.test(plain) && /(报告|总结)$/.test(plain);
};

/** Characters that end a township's name when read backwards from 镇/乡/街道. */
const STOP =
  /[省府共委会年度于的与及或在对我本各为是将由向入把到从经给让被使了以、，,。.：:；;！!？?|“”"《》<>（）()[\]【】\s\d]/;
/**
 * Verbs read back with a township's name (结合长塘镇实际, 围绕某镇发展, 服务强化伊金霍洛镇法治建设,
 * 根据街党工委分工): the name starts after the last of them, two characters at least; a verb alone
 * names none.
 */
const VERBS =
  '结合|围绕|立足|依托|聚焦|推动|助力|对照|按照|根据|针对|依据|强化|加强|推进|提升|打造|保障|报送';
const VERB_BEFORE_NAME = new RegExp(`(?:${VERBS})(?=[\\u4e00-\\u9fa5]{2,6}$)`, 'g');
const VERB_ONLY = new RegExp(`^(?:${VERBS})$`);
/** Administrative words before the township: kept out of its name only when the name is long enough. */
const ADMIN = /[市县区州旗盟]/;
/**
 * Words ending in 乡/镇/街道 that are no township (城乡, 乡镇, 送法下乡, 千年古镇, 建设法治强镇, 全街道…); a name of one
 * character before such a word is a township (万古镇, 王集镇). A name ending in 全镇/各乡 read
 * back from a verb (促进全乡) is none either, nor a verb with the kind of unit (要求街道干部).
 */
const NOT_ORG =
  /^(城|乡|村|集|重|小|名|古|坐|新型城|特色小|全|各|本|我|该|水|梦|街)(镇|乡)$|^(全|各|本|我|该|辖)街道$|^(?:[\u4e00-\u9fa5]{2,})?(城乡|乡镇|下乡|返乡|回乡|家乡|故乡|老乡|异乡|他乡|留乡|离乡|思乡|城镇|集镇|村镇|小镇|重镇|古镇|名镇|强镇|大镇|强乡|大乡|坐镇|进镇|到镇)$|^[\u4e00-\u9fa5]{2,}(全|各|本|我|该)(镇|乡|街道)$|^[\u4e00-\u9fa5]*(环境|背景|领导|指导|支持|帮助|带领|推动|情况|条件|形势|前提|引领|督促|协调|框架|机制|模式)[下中](镇|乡|街道)$|^[\u4e00-\u9fa5]*依法治(镇|乡|街道|街)$|^[\u4e00-\u9fa5]*(发挥|加强|推进|压实|落实|健全|完善|强化|提升|统筹|深化|成立|建立|召开|组织|要求|号召|动员|鼓励|引导)(镇|乡|街道)$/;

/**
 * The township named by the text that ends at `end` (just after 镇/乡/街道), read backwards so that
 * what precedes it (县名, 人民政府, 中共, a year) is left out: 某县人民政府金龙街道 → 金龙街道.
 * Returns the name and the county or district named just before it, if any.
 */
function nameBefore(s: string, end: number, suffix: string): { org: string; county: string } | undefined {
  let i = end - suffix.length;
  const coreEnd = i;
  let bounded = false;
  while (i > 0 && coreEnd - i <= 6) {
    const ch = s[i - 1]!;
    // 新市镇, 市桥镇: an administrative character right before the suffix belongs to the name.
    // 共 ends a name (中共某镇, 共计) except in 共和 (共和乡), unless that is 中共 again.
    // The 街 of a 某某街街道 is read on past a word that would stop it (礼让街街道).
    // 府 ends a name as the end of 政府 (区政府府山街道 is none), not as its first character (府山街道).
    // The 号 of a document number run into the title (南办发〔2024〕3号南关街道…) ends a name.
    const stop =
      (ch === '号' && /[\d〕]/.test(s[i - 2] ?? '')) ||
      (STOP.test(ch) &&
        !(ch === '共' && s[i] === '和' && s[i - 2] !== '中') &&
        !(ch === '府' && s[i - 2] !== '政') &&
        !(suffix === '街道' && s.slice(i, coreEnd) === '街'));
    if (stop || (ADMIN.test(ch) && coreEnd - i >= 2)) {
      bounded = true;
      break;
    }
    i--;
  }
  const read = s.slice(i, coreEnd);
  const verb = [...read.matchAll(VERB_BEFORE_NAME)].at(-1);
  if (verb) {
    i += verb.index + verb[0].length;
    bounded = true;
  } else if (VERB_ONLY.test(read)) return undefined;
  const core = s.slice(i, coreEnd);
  const org = core + suffix;
  // A name runs from a boundary (punctuation, a county, 中共, the line start): 法治建设纳入镇 is none.
  if (!(bounded || i === 0) || core.length < 1 || core.length > 6 || NOT_ORG.test(org)) return undefined;
  let county = '';
  if (i > 0 && ADMIN.test(s[i - 1]!) && s[i - 1] !== '市') {
    let j = i - 1;
    while (j > 0 && i - 1 - j < 4 && !STOP.test(s[j - 1]!) && !ADMIN.test(s[j - 1]!)) j--;
    if (i - 1 - j >= 1) county = s.slice(j, i);
  }
  return { org, county };
}

/** What follows a 某某街 named as the organ (鹤龙街党工委, 珠吉街理论学习中心组, 万兴街在区委…). */
const STREET_ORGAN = '党工委|办事处|理论学习中心组|在[区市县]委|以习近平';
/** 镇/乡/街道 as an organ's name ends: before the organ's words, a year, 关于, or punctuation. */
const ORG_END = new RegExp(
  `(街道办事处|街道|社管办|镇|乡|街(?=${STREET_ORGAN}|20\\d\\d))(?=人民政府|党委|政府|委员会|${STREET_ORGAN}|司法所|关于|法治|20\\d\\d|[^\\u4e00-\\u9fa5]|$)`,
  'g',
);
/**
 * In the body: not where 乡/镇 starts a word (乡村, 镇级, 镇域…) or a list of levels (镇、村两级).
 * A 街道 is often called 某某街 (鹤龙街): read so only before the organ's words. A 社管办 (社区管理办公室,
 * 常青花园社管办) is an office in a 街道's place.
 */
const ORG_END_BODY = new RegExp(
  `(街道办事处|街道|社管办|镇|乡|(?<!大)街(?=${STREET_ORGAN}|党政|领导|坚持|深入|全面|扎实|持续|始终|积极|认真|着力|不断))(?![村镇级域情内外里民间街长区]|、[村社居])`,
  'g',
);

/**
 * A township named only in its rule-of-law brand (“法治古镛”建设, 法治舒桥建设) in a text that
 * speaks of itself as 我乡/全镇/街道: the name and the kind of unit. Not a city or county (杭州 when
 * 杭州市 is written too), nor a common word (法治中国, 法治政府, 法治乡村…).
 */
const BRAND = /法治[“"]?([\u4e00-\u9fa5]{2,3}?)[”"]?建设/g;
const BRAND_WORD =
  /中国|政府|社会|国家|乡村|城市|基层|文化|队伍|阵地|环境|体系|机关|示范|平台|品牌|校园|社区|乡镇|街道|村居|单位|部门|保障|宣传|教育|工作|创建|服务|北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海|内蒙古|广西|西藏|宁夏|新疆|[镇乡街县市区省]/;
/** Whether a township is of the kind `unit` (a 某某街 is a 街道); any is when `unit` is ''. */
const isUnit = (org: string, unit: string): boolean =>
  !unit || (unit === '街道' ? /街(道)?$|社管办$/.test(org) : org.endsWith(unit));

/** The kind of unit a text speaks of itself as (我乡, 全镇, 乡党委, 街道), or '' when it never does. */
function ownUnit(s: string): string {
  const units: [string, number][] = [
    ['乡', (s.match(/[我全本该]乡|乡(党委|政府|人民政府)/g) ?? []).length],
    ['镇', (s.match(/[我全本该]镇|镇(党委|政府|人民政府)/g) ?? []).length],
    ['街道', (s.match(/街道/g) ?? []).length],
  ];
  const [unit, n] = units.sort((a, b) => b[1] - a[1])[0]!;
  return n === 0 ? '' : unit;
}

/** The township named only in its brand, of the kind of unit the text calls itself (`unit`). */
function brandOrg(s: string, unit: string): string {
  if (!unit) return '';
  for (const m of s.matchAll(BRAND)) {
    const name = m[1]!;
    if (BRAND_WORD.test(name) || new RegExp(`${name}[市县区州省]`).test(s)) continue;
    return name + unit;
  }
  return '';
}

/** Every township named in `s`, in order. */
function orgsIn(s: string, re: RegExp = ORG_END): { org: string; county: string; at: number }[] {
  const out: { org: string; county: string; at: number }[] = [];
  for (const m of s.matchAll(re)) {
    const suffix = m[1] === '街道办事处' ? '街道' : m[1]!;
    const end = m.index + suffix.length;
    const found = nameBefore(s, end, suffix);
    if (found) out.push({ ...found, at: m.index });
  }
  return out;
}

/** A disagreement between the sources, or a value none of them gives. */
export type MetaProblem = 'org' | 'year' | 'orgMissing' | 'yearMissing';

export interface DocMeta {
  org: string;
  /** The county or district named with the township (某县某镇 → 某县), or ''. */
  county: string;
  year: number | null;
  /** 0–1: how surely the organisation and the year are right (sources found and agreeing). */
  confidence: { org: number; year: number };
  /** Where the sources disagree or are missing, in words for a finding. */
  problems: { kind: MetaProblem; detail: string; text: string; start: number }[];
}

const CN_DIGIT = new Map<string, string>([
  ...[...'〇○零Ｏ'].map((c) => [c, '0'] as const),
  ...[...'一二三四五六七八九'].map((c, i) => [c, String(i + 1)] as const),
]);
/** 二〇二五年 → 2025年 (same length, same offsets). */
const arabicYears = (s: string) =>
  s.replace(/二[〇○零Ｏ][一二三四五六七八九〇○零Ｏ]{2}(?=年)/g, (y) =>
    [...y].map((c) => CN_DIGIT.get(c) ?? c).join(''),
  );

/** A year in the body: not a range's, nor an earlier year's event (继2022年成功创建…后, 曾于2021年). */
const YEAR = /(?<![—–\-－~～至到]\s?)(?<!继|曾|早在|曾于)(20\d{2})\s*年(?!\s*[—–\-－~～至到]\s*20)/g;
/** Words after a year that may say what will be done in it (2022年将加大…宣传力度, 2025年计划…). */
const WILL = /^\s*(?:将|拟|计划|力争)/;

/** The 成文日期's year and month in the signature block, if any. */
function signatureDate(text: string): { y: number; m: number; start: number; org: string } | undefined {
  const tail = signatureTail(text).slice(-8);
  for (let k = tail.length - 1; k >= 0; k--) {
    const line = arabicYears(tail[k]!.line);
    const d = /^(20\d{2})\s*年\s*([\d一二三四五六七八九十]{1,3})\s*月/.exec(line);
    if (!d) continue;
    const month = Number(d[2]) || '一二三四五六七八九十'.indexOf(d[2]!.slice(-1)) + 1 || 0;
    const above = tail
      .slice(Math.max(0, k - 2), k)
      .map((l) => l.line)
      .join('');
    return { y: Number(d[1]), m: month, start: tail[k]!.start, org: orgsIn(above).at(-1)?.org ?? '' };
  }
  return undefined;
}

/** A line that is only a date, in brackets or not (（2025年1月）, 2025年1月15日). */
const DATE_ONLY = /^[\s(（]*20\d{2}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?[\s)）]*$/;

/** The year the body speaks of most, outside the plans for the next year, plan periods and years planned for. */
function bodyYear(
  text: string,
  before: number,
): { year: number; count: number; counts: Map<number, number> } {
  const counts = new Map<number, number>();
  const plans: number[] = [];
  // Not a web page's date line or link list (发布日期：2024年3月12日, 相关链接：2024年…简报); a
  // breadcrumb's year is the channel the page is filed under (…年度报告 > 2021年度). The lines are
  // found once, then each year by a binary search.
  // Nor a line that is only a date (（2025年1月）under a 述法 report's author): when it was written.
  const skipped = linesOf(text)
    .filter(
      (l) => l.start < before && ((isFurniture(l.text) && !/[>＞»›]/.test(l.text)) || DATE_ONLY.test(l.text)),
    )
    .map((l) => [l.start, l.start + l.text.length] as const);
  const onSkipped = (at: number) => {
    const i = firstWhere(skipped, (x) => x[1] > at);
    return i < skipped.length && skipped[i]![0] <= at;
  };
  for (const m of text.slice(0, before).matchAll(YEAR)) {
    if (onSkipped(m.index)) continue;
    const y = Number(m[1]);
    if (WILL.test(text.slice(m.index + m[0].length, m.index + m[0].length + 4))) plans.push(y);
    else counts.set(y, (counts.get(y) ?? 0) + 1);
  }
  // A year said only as what will be done in it, after every year said otherwise, is the plans'
  // (2021年…办理…0件; 2022年将加大…力度); else 将 only marks the object (2024年将…列入决策目录).
  const latest = counts.size ? Math.max(...counts.keys()) : Infinity;
  for (const y of plans) if (y <= latest) counts.set(y, (counts.get(y) ?? 0) + 1);
  const [year, count] = [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0] ?? [0, 0];
  return { year, count, counts };
}

/**
 * Organisation and year from title, signature (落款) and body, with a confidence and the
 * disagreements between them. `bodyEnd` is where the plans for the next year start (their years
 * are not the report's). `given` is a year the caller knows (the batch's year).
 */
export function readMeta(
  rawText: string,
  title: string,
  titleEnd: number,
  bodyEnd: number,
  given?: number,
): DocMeta {
  const text = arabicYears(toSimplified(rawText));
  const t = arabicYears(toSimplified(title));
  const problems: DocMeta['problems'] = [];

  // Organisation.
  const fromTitle = orgsIn(t)[0];
  const sig = signatureDate(text);
  const counts = new Map<string, number>();
  const bodyText = text.slice(titleEnd, Math.max(titleEnd, bodyEnd));
  for (const o of orgsIn(bodyText, ORG_END_BODY))
    // Not a neighbour named beside the township (与马坊镇签订联调协议, 邻近的黄坡镇).
    if (!neighbour(bodyText, o.org, o.at)) counts.set(o.org, (counts.get(o.org) ?? 0) + 1);
  // A township the text speaks of as itself (我乡, 全乡, 乡党委) before others it names more often
  // (借鉴邻近的黄坡镇…经验, 与黄坡镇签订…协议).
  const own = ownUnit(text);
  const fromBody =
    [...counts.entries()].sort(
      (a, b) => Number(isUnit(b[0], own)) - Number(isUnit(a[0], own)) || b[1] - a[1],
    )[0]?.[0] ?? '';
  const county = fromTitle?.county ?? '';
  let org = fromTitle?.org ?? sig?.org ?? '';
  if (!org) org = fromBody;
  const fromBrand = org ? '' : brandOrg(text, own);
  if (!org) org = fromBrand;
  const agree = [fromTitle?.org, sig?.org, fromBody].filter((o) => o && o === org).length;
  let orgConf = org ? [0, 0.5, 0.8, 1][agree]! : 0;
  if (fromBrand) orgConf = 0.3;
  if (fromTitle && sig?.org && sig.org !== fromTitle.org) {
    orgConf = 0.4;
    problems.push({
      kind: 'org',
      detail: `标题中的单位“${fromTitle.org}”与落款“${sig.org}”不一致`,
      text: sig.org,
      start: sig.start,
    });
  } else if (!org) {
    problems.push({
      kind: 'orgMissing',
      detail: '未能从标题、落款或正文识别报告单位（乡镇或街道）',
      text: '',
      start: 0,
    });
  }

  // Year.
  // A year with its month in the title is when it was written (述法报告 … （2025年1月）), not the year
  // reported on: it votes as the 落款 does.
  const titleYear = /(20\d{2})\s*年(?!\s*\d{1,2}\s*月)/.exec(t);
  const titleDate = /(20\d{2})\s*年\s*(\d{1,2})\s*月/.exec(t);
  const ty = titleYear ? Number(titleYear[1]) : null;
  const body = bodyYear(text, Math.max(titleEnd, bodyEnd));
  // A report on year Y is signed late in Y or in the first months of Y + 1.
  const yearOfWriting = (y: number, m: number) => (m >= 11 ? y : y - 1);
  const sy = sig
    ? yearOfWriting(sig.y, sig.m)
    : titleDate
      ? yearOfWriting(Number(titleDate[1]), Number(titleDate[2]))
      : null;
  const by = body.count >= 2 ? body.year : null;
  const votes = [ty, sy, by];
  const support = (y: number | null) => (y === null ? 0 : votes.filter((v) => v === y).length);
  // The value most sources give; on a tie the title, then the 落款, then the body.
  const best = votes.reduce<number | null>((b, v) => (support(v) > support(b) ? v : b), null);
  const year = given ?? best ?? (body.count ? body.year : null);
  let yearConf = 0;
  if (year !== null) yearConf = given !== undefined ? 1 : [0.5, 0.7, 0.9, 1][support(year)]!;
  if (year === null) {
    problems.push({ kind: 'yearMissing', detail: '未能从标题、落款或正文确定报告年度', text: '', start: 0 });
  } else {
    if (ty !== null && ty !== year)
      problems.push({
        kind: 'year',
        detail: `标题写的是${ty}年，报告年度为${year}年`,
        text: titleYear![0],
        start: Math.max(0, rawText.indexOf(title)) + titleYear!.index,
      });
    if (sig && sig.y !== year && sig.y !== year + 1)
      problems.push({
        kind: 'year',
        detail: `落款日期为${sig.y}年，与${year}年度报告不符（应为${year}年底或${year + 1}年初）`,
        text: `${sig.y}年`,
        start: sig.start,
      });
    // The body speaks of another year far more than of the report's.
    const own = body.counts.get(year) ?? 0;
    if (body.count >= 3 && body.year !== year && body.year !== year + 1 && body.count >= 2 * own + 2)
      problems.push({
        kind: 'year',
        detail: `正文多处写${body.year}年（${body.count}处），报告年度为${year}年`,
        text: `${body.year}年`,
        start: Math.max(0, text.indexOf(`${body.year}年`, titleEnd)),
      });
    if (problems.some((p) => p.kind === 'year')) yearConf = Math.min(yearConf, 0.4);
  }
  return { org, county, year, confidence: { org: orgConf, year: yearConf }, problems };
}
