import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedYears } from '../db/calendar-seed.ts';
import { repoRoot } from '../testing/cli.ts';
import { parseCalendarIcs, parseCalendarJson } from './calendar-files.ts';
import { parseHolidayNotice } from './holiday-notice.ts';
import { statutoryHolidays } from './statutory-holidays.ts';

// Paragraphs indented with two ideographic spaces, as on gov.cn.
const IND = '\u3000\u3000';

const NOTICE_2023 = `国务院办公厅关于2023年部分节假日安排的通知
国办发明电〔2022〕16号

各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
${IND}经国务院批准，现将2023年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
${IND}一、元旦：2022年12月31日至2023年1月2日放假调休，共3天。
${IND}二、春节：1月21日至27日放假调休，共7天。1月28日（星期六）、1月29日（星期日）上班。
${IND}三、清明节：4月5日放假，共1天。
${IND}四、劳动节：4月29日至5月3日放假调休，共5天。4月23日（星期日）、5月6日（星期六）上班。
${IND}五、端午节：6月22日至24日放假调休，共3天。6月25日（星期日）上班。
${IND}六、中秋节、国庆节：9月29日至10月6日放假调休，共8天。10月7日（星期六）、10月8日（星期日）上班。
${IND}节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作。
国务院办公厅
2022年12月8日`;

const NOTICE_2024 = `国务院办公厅关于2024年部分节假日安排的通知
国办发明电〔2023〕7号
${IND}一、元旦：1月1日放假，与周末连休。
${IND}二、春节：2月10日至17日放假调休，共8天。2月4日（星期日）、2月18日（星期日）上班。鼓励各单位结合带薪年休假等制度落实，安排职工在除夕（2月9日）休息。
${IND}三、清明节：4月4日至6日放假调休，共3天。4月7日（星期日）上班。
${IND}四、劳动节：5月1日至5日放假调休，共5天。4月28日（星期日）、5月11日（星期六）上班。
${IND}五、端午节：6月10日放假，与周末连休。
${IND}六、中秋节：9月15日至17日放假调休，共3天。9月14日（星期六）上班。
${IND}七、国庆节：10月1日至7日放假调休，共7天。9月29日（星期日）、10月12日（星期六）上班。`;

const NOTICE_2025 = `国务院办公厅关于2025年部分节假日安排的通知
国办发明电〔2024〕12号
一、元旦：1月1日（周三）放假1天，不调休。
二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。
三、清明节：4月4日（周五）至6日（周日）放假，共3天。
四、劳动节：5月1日（周四）至5日（周一）放假调休，共5天。4月27日（周日）上班。
五、端午节：5月31日（周六）至6月2日（周一）放假，共3天。
六、国庆节、中秋节：10月1日（周三）至8日（周三）放假调休，共8天。9月28日（周日）、10月11日（周六）上班。`;

// Full-width digits and brackets, as some pasted copies have them.
const NOTICE_2026 = `国务院办公厅关于２０２６年部分节假日安排的通知
一、元旦：１月１日（周四）至３日（周六）放假调休，共３天。１月４日（周日）上班。
二、春节：２月１５日（农历腊月二十八、周日）至２３日（农历正月初七、周一）放假调休，共９天。２月１４日（周六）、２月２８日（周六）上班。
三、清明节：4月4日(周六)至6日(周一)放假，共3天。
四、劳动节：5月1日（周五）—5日（周二）放假调休，共5天。5月9日（周六）上班。
五、端午节：6月19日（周五）-21日（周日）放假，共3天。
六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。`;

const seeded = (year: number) => seedYears().find((s) => s.year === year)!.entries;

describe('the State Council notice', () => {
  it.each([
    [2023, NOTICE_2023],
    [2024, NOTICE_2024],
    [2025, NOTICE_2025],
    [2026, NOTICE_2026],
  ])('reads the %i notice exactly as chinese-days has that year', (year, text) => {
    const a = parseHolidayNotice(text);
    expect(a.year).toBe(year);
    expect(a.entries).toEqual(seeded(year));
  });

  it('takes the document number as the source, else the year', () => {
    expect(parseHolidayNotice(NOTICE_2025).source).toBe('国务院办公厅通知 国办发明电〔2024〕12号');
    expect(parseHolidayNotice(NOTICE_2026).source).toBe('国务院办公厅通知（2026年）');
  });

  it('reads a range across the year end, lines without numbers, and the year when no title is pasted', () => {
    const a = parseHolidayNotice(
      '元旦：12月31日至1月2日放假调休，共3天。12月29日（周日）上班。\n国庆节、中秋节：10月1日至8日放假调休，共8天。9月27日（周日）、10月10日（周六）上班。',
      { year: 2030 },
    );
    expect(a.entries.filter((e) => e.kind === 'holiday').map((e) => e.date)).toEqual([
      '2029-12-31',
      '2030-01-01',
      '2030-01-02',
      ...['01', '02', '03', '04', '05', '06', '07', '08'].map((d) => `2030-10-${d}`),
    ]);
    expect(a.entries.filter((e) => e.kind === 'workday').map((e) => e.date)).toEqual([
      '2029-12-29',
      '2030-09-27',
      '2030-10-10',
    ]);
  });

  it('refuses what it cannot read, naming the line', () => {
    expect(() => parseHolidayNotice('一、元旦：1月1日放假。')).toThrow('未找到通知年份');
    expect(() =>
      parseHolidayNotice(
        '国务院办公厅关于2027年部分节假日安排的通知\n一、元旦：1月1日放假。\n二、春节：2月30日至3月3日放假调休，共4天。',
      ),
    ).toThrow('第3行无法识别：“二、春节：2月30日至3月3日放假调休，共4天。”（“2月30日”不是有效日期）');
    expect(() =>
      parseHolidayNotice(
        '国务院办公厅关于2027年部分节假日安排的通知\n二、春节：2月5日至8日放假调休，共5天。',
      ),
    ).toThrow('与通知所写“共5天”不符');
    expect(() =>
      parseHolidayNotice('国务院办公厅关于2027年部分节假日安排的通知\n三、植树节：3月12日放假。'),
    ).toThrow('第2行无法识别');
    expect(() =>
      parseHolidayNotice('国务院办公厅关于2027年部分节假日安排的通知\n二、春节：另行通知。'),
    ).toThrow('第2行无法识别');
    expect(() => parseHolidayNotice('国务院办公厅关于2027年部分节假日安排的通知')).toThrow(
      '没有读到任何节日安排',
    );
  });
});

describe('calendar files', () => {
  it('reads chinese-days’ own holidays.ics as the years it seeds', () => {
    const ics = readFileSync(join(repoRoot, 'node_modules/chinese-days/dist/holidays.ics'), 'utf8');
    const years = parseCalendarIcs(ics, 'holidays.ics');
    expect(years.map((y) => y.year)).toEqual([2024, 2025, 2026]);
    for (const y of years) {
      const dates = (k: string, es: readonly { date: string; kind: string }[]) =>
        es.filter((e) => e.kind === k).map((e) => e.date);
      expect(dates('holiday', y.entries)).toEqual(dates('holiday', seeded(y.year)));
      expect(dates('workday', y.entries)).toEqual(dates('workday', seeded(y.year)));
      expect(y.source).toBe('ics:holidays.ics');
    }
  });

  it('reads a JSON file and refuses a malformed one', () => {
    const a = parseCalendarJson(
      JSON.stringify({
        year: 2027,
        holidays: [{ date: '2027-01-01', name: '元旦' }],
        workdays: [{ date: '2027-02-20', name: '春节' }],
      }),
      '2027.json',
    );
    expect(a).toEqual({
      year: 2027,
      source: 'json:2027.json',
      entries: [
        { date: '2027-01-01', kind: 'holiday', name: '元旦' },
        { date: '2027-02-20', kind: 'workday', name: '春节' },
      ],
    });
    expect(() => parseCalendarJson('{', 'x.json')).toThrow('不是有效的 JSON');
    expect(() =>
      parseCalendarJson('{"year":2027,"holidays":[{"date":"2027-02-30","name":"春节"}]}', 'x.json'),
    ).toThrow('放假日第1项的日期“2027-02-30”');
  });
});

describe('statutory holidays (全国年节及纪念日放假办法)', () => {
  it('gives 2027 its thirteen days from the lunar calendar, 除夕 the last day of 腊月', () => {
    expect(statutoryHolidays(2027)).toEqual([
      { date: '2027-01-01', name: '元旦' },
      { date: '2027-02-05', name: '春节' },
      { date: '2027-02-06', name: '春节' },
      { date: '2027-02-07', name: '春节' },
      { date: '2027-02-08', name: '春节' },
      { date: '2027-04-05', name: '清明' },
      { date: '2027-05-01', name: '劳动节' },
      { date: '2027-05-02', name: '劳动节' },
      { date: '2027-06-09', name: '端午' },
      { date: '2027-09-15', name: '中秋' },
      { date: '2027-10-01', name: '国庆节' },
      { date: '2027-10-02', name: '国庆节' },
      { date: '2027-10-03', name: '国庆节' },
    ]);
  });

  it('takes 除夕 as the 30th of 腊月 when 腊月 is long, and every statutory day of 2025–2026 was a holiday that year', () => {
    // 腊月 of lunar 2027 has 30 days: 除夕 2028-01-25, 正月初一 2028-01-26.
    expect(
      statutoryHolidays(2028)
        .filter((d) => d.name === '春节')
        .map((d) => d.date),
    ).toEqual(['2028-01-25', '2028-01-26', '2028-01-27', '2028-01-28']);
    for (const y of [2025, 2026]) {
      const off = new Set(
        seeded(y)
          .filter((e) => e.kind === 'holiday')
          .map((e) => e.date),
      );
      for (const d of statutoryHolidays(y)) expect(off.has(d.date), `${d.date} ${d.name}`).toBe(true);
    }
  });
});
