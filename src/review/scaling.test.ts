import { describe, expect, it } from 'vitest';
import { reviewDocuments } from './index.ts';

/**
 * Texts crafted to make a careless reviewer quadratic: figures in one endless sentence, open
 * quotation marks, runs of digits or numerals with no unit, rates next to their counts. Eight
 * times the text must cost about eight times as much, never sixty-four: compared within one run,
 * so a slow or busy machine does not change the verdict.
 */
const CRAFTED: Readonly<Record<string, string>> = {
  'figures with no punctuation': '开展普法宣传活动共12次',
  'open quotation marks': '“共12次',
  'digits with no unit': '1234567890',
  'numerals with no unit': '一二三四五六七八九十',
  'rates beside counts': '排查12件化解11件化解率91.7%，',
  'one verb for two steps': '排查化解纠纷12件',
  'tables flattened into prose':
    '排查纠纷（件） 94 化解（件）｜调处（件）：3｜4 项目 上年 本年；化解（件） 1 2；',
  'labels with units and blanks': '排查纠纷（件）\t \t',
  'pairs by year, cells and parts':
    '（2022年/2021年）：检查486次/512次｜登记 39件｜全镇84名，其中“甲”10场、2023年将',
  'date lines': '发布日期：2024年3月12日\n',
  'parts of a total with no end': '开展普法活动87场次，分别面向居民、企业员工开展41场次、28场次、',
  'headings carrying on their items': '一、标题\n1、甲\n2、乙\n三、标题\n',
  'titles opened and never closed': '《甲',
  'titles within titles': '印发《甲《乙》',
  'words typed twice': '切实',
  'tables one cell per line': '项目\n单位\n数量\n普法活动\n场\n5\n',
  'tables typed with blanks': '类别  排查（件）  化解（件）\n甲纠纷  17  16\n合计  38  36\n',
  'lines broken at a width': '组织干部集中学法开展普法宣传活动推进依法行政工作落实\n',
  'page numbers between blank lines': '\n— 2 —\n\n',
  'page numbers in a paragraph': '组织干部集中学法开展普法宣传活动推进\n\n— 2 —\n\n',
  // Pages (.html): many text nodes and no character reference, source breaks between tags.
  'a page of text nodes': '<p>学法<i>\n</i>12次</p>',
  'a page of source breaks between tags': '<i>\n</i><b> \n </b>',
};

/** Crafted pages, read as HTML. */
const PAGES = new Set(['a page of text nodes', 'a page of source breaks between tags']);

const timeReview = (text: string, name = 'a.txt'): number => {
  const t = performance.now();
  reviewDocuments([{ name, bytes: Buffer.from(text) }], { year: 2024 });
  return performance.now() - t;
};

const sized = (unit: string, chars: number) => unit.repeat(Math.ceil(chars / unit.length)).slice(0, chars);

describe('review time grows with the text, not its square', () => {
  for (const [name, unit] of Object.entries(CRAFTED)) {
    const file = PAGES.has(name) ? 'a.html' : 'a.txt';
    const time = (chars: number) => timeReview(sized(unit, chars), file);
    it(
      name,
      () => {
        time(20_000); // warm up the regular expressions
        const small = Math.min(time(50_000), time(50_000));
        // A second measurement of the large text only when the first was slow: the lower of two
        // runs, so a pause of the machine (another suite, the garbage collector) is not the verdict.
        let large = time(400_000);
        if (large / Math.max(small, 5) >= 24) large = Math.min(large, time(400_000));
        expect(large / Math.max(small, 5)).toBeLessThan(24);
        // The verdict is the ratio; the limit only stops a hang. Quoted text takes about 30 s for its
        // five reviews on an idle 2-core machine, more beside another test worker.
      },
      180_000,
    );
  }
});
