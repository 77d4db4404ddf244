import type { GenContext } from './context.ts';
import { COUNTY, anonymous } from './names.ts';
import { addDays } from '../../core/calendar.ts';
import { dateIn, weekday, ymd } from './random.ts';

const CAUSES = [
  '土地行政确认',
  '行政强制拆除',
  '政府信息公开',
  '行政处罚',
  '不履行法定职责',
  '行政协议',
  '林地权属处理决定',
];

/** 行政应诉案件 and their 庭审; strong townships send a leader to nearly every hearing (行政诉讼法 第3条). */
export function litigation(ctx: GenContext): void {
  const { rng, t, year, activity } = ctx;
  // Most townships see a lawsuit or two over two years; the demo gives each at least one, in the earlier year.
  const n = rng.int(year < ctx.reportYear ? 1 : 0, 5);
  const defendant = t.type === 'street' ? `${COUNTY.name}${t.name}办事处` : `${COUNTY.name}${t.name}人民政府`;
  const leaders = [
    ['principal', t.cast.head],
    ['deputy', t.cast.deputy],
    ['in_charge', t.cast.deputy],
  ] as const;
  // The year's first hearing has the 正职负责人 (镇长/乡长/办事处主任) in court: 行政诉讼法 第3条第3款.
  let principalSent = false;
  for (let i = 0; i < n; i++) {
    const plaintiff = anonymous(rng);
    const served = dateIn(rng, year, 1, 9);
    const caseNo = `（${year}）${COUNTY.abbr}${COUNTY.code.slice(2)}行初${rng.int(3, 98)}号`;
    const title = `${plaintiff}诉${defendant}${rng.pick(CAUSES)}纠纷案`;
    const hearings: string[] = [];
    const first = weekday(addDays(served, rng.int(30, 75)));
    if (first <= ctx.today && first <= ymd(year, 12, 31)) hearings.push(first);
    const second = weekday(addDays(first, rng.int(30, 60)));
    if (hearings.length > 0 && rng.chance(0.3) && second <= ctx.today && second <= ymd(year, 12, 31))
      hearings.push(second);
    const last = hearings[hearings.length - 1];
    const status =
      last && addDays(last, 30) <= ctx.today && addDays(last, 30) <= ymd(year, 12, 31)
        ? rng.weighted([
            ['won', 6],
            ['withdrawn', 3],
            ['settled', 1],
            ['lost', 0.6],
          ] as const)
        : 'pending';
    ctx.emit('lawsuit', {
      date: served,
      title,
      data: {
        plaintiff,
        court: rng.chance(0.8) ? COUNTY.court : '邻江县人民法院（异地管辖）',
        caseNo,
        status,
      },
      org: t.departments.office.name,
    });
    for (const date of hearings) {
      const attends = rng.chance(0.45 + 0.55 * activity);
      const drawn = attends ? rng.pick(leaders) : (['none', ''] as const);
      const [rank, name] = principalSent ? drawn : leaders[0];
      principalSent = true;
      ctx.emit('lawsuit_hearing', {
        date,
        title: `${caseNo} ${title}`,
        data: { leaderRank: rank, ...(name ? { leaderName: name } : {}) },
        org: t.departments.office.name,
      });
    }
  }
}

/**
 * 行政复议 where the township is the respondent: a few a year, each answered within the 10 days
 * of 行政复议法（2023年修订）第48条 unless the application arrived in the last days before today.
 */
export function reviewResponses(ctx: GenContext): void {
  const { rng, t, year } = ctx;
  const respondent = t.type === 'street' ? `${t.name}办事处` : `${t.name}人民政府`;
  for (let i = rng.int(1, 3); i > 0; i--) {
    const received = dateIn(rng, year, 1, 10);
    if (received > ctx.today) continue;
    const answered = addDays(received, rng.int(3, 9));
    const decided = addDays(received, rng.int(50, 85));
    const done = answered <= ctx.today;
    const status =
      done && decided <= ctx.today
        ? rng.weighted([
            ['upheld', 8],
            ['revoked', 1],
            ['withdrawn', 1],
          ] as const)
        : 'pending';
    ctx.emit('review_response', {
      date: received,
      title: `${anonymous(rng)}不服${respondent}${rng.pick(CAUSES)}申请行政复议`,
      data: {
        reviewOrgan: `${COUNTY.name}人民政府`,
        status,
        ...(done && status !== 'withdrawn' ? { answerDate: answered } : {}),
      },
      org: t.departments.office.name,
    });
  }
}
