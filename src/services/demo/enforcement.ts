import type { GenContext } from './context.ts';
import { COMPANIES, COUNTY, anonymous, distinctNames } from './names.ts';
import { addDays } from '../../core/calendar.ts';
import { INSPECTION_POWERS, PENALTY_POWERS } from './powers.ts';
import { dateIn, lerp } from './random.ts';

/** 行政执法证件 registry: 10–15 officers in force at year end, a few certificates lapsed or withdrawn lately. */
export function certificates(ctx: GenContext): void {
  const { rng, t, year, activity } = ctx;
  const active = lerp(10, 13, activity * 0.7 + rng.next() * 0.3);
  const lapsed = rng.int(1, 2);
  const names = distinctNames(rng, active + lapsed + 2);
  const areas = ['综合行政执法', '安全生产', '自然资源', '农业农村', '市场监管'];
  let serial = t.index * 100;
  names.forEach((name, i) => {
    const supervision = i >= active + lapsed;
    if (supervision && i > active + lapsed) return;
    const date = dateIn(rng, year - rng.int(1, 4), 3, 11);
    let end: string | undefined;
    if (i >= active && !supervision) {
      const e = dateIn(rng, year - rng.int(0, 1), 1, 11);
      if (e <= ctx.today && e > date) end = e;
    }
    ctx.emit('enforcement_certificate', {
      date,
      endDate: end,
      title: name,
      data: {
        certType: supervision ? 'supervision' : 'enforcement',
        certNo: `${COUNTY.abbr}${supervision ? '监' : '执'}${COUNTY.code}${String(++serial).padStart(5, '0')}`,
        area: supervision ? '行政执法监督' : rng.pick(areas),
      },
      org: supervision ? t.departments.justice.name : t.departments.enforcement.name,
    });
  });
}

type Area = 'safety' | 'fireworks' | 'fire' | 'homestead' | 'environment' | 'food' | 'construction' | 'other';

/** 执法检查, each with problems found and rectified; the weak leave more not fully rectified. */
export function inspections(ctx: GenContext): void {
  const { rng, t, year, activity } = ctx;
  const n = lerp(20, 40, activity * 0.6 + t.size * 0.2 + rng.next() * 0.2);
  const base = t.name.replace(/(街道|镇|乡)$/, '');
  const pShort = 0.04 + 0.22 * (1 - activity);
  for (let i = 0; i < n; i++) {
    const area: Area = rng.weighted([
      ['safety', 4],
      ['fireworks', 2],
      ['fire', 3],
      ['homestead', t.type === 'street' ? 0.5 : 3],
      ['environment', 2],
      ['food', 2],
      ['construction', 2],
      ['other', 0.5],
    ] as const);
    const v = rng.pick(t.villages).name;
    const company = rng.pick(COMPANIES);
    // Fireworks are checked around the Spring Festival and New Year.
    const festive = rng.pick([1, 12]);
    const [date, title, target] = (
      {
        safety: [
          dateIn(rng, year),
          rng.pick([
            '安全生产大检查',
            '汛期安全生产专项检查',
            '节前安全生产检查',
            '危险化学品使用单位专项检查',
          ]),
          company,
        ],
        fireworks: [dateIn(rng, year, festive, festive), '烟花爆竹“打非治违”专项检查', `${v}烟花爆竹零售点`],
        fire: [
          dateIn(rng, year),
          rng.pick(['电动自行车违规停放充电专项检查', '人员密集场所消防安全检查', '“九小场所”消防安全检查']),
          rng.pick([`${base}敬老院`, `${v}电动自行车集中充电点`, `${base}集镇沿街店铺`]),
        ],
        homestead: [dateIn(rng, year), '农村宅基地建房巡查', `${v}村民${anonymous(rng)}建房`],
        environment: [
          dateIn(rng, year),
          rng.pick(['畜禽养殖污染专项检查', '河道“清四乱”检查', '秸秆禁烧巡查']),
          rng.pick([`${v}养殖场`, `${v}河段`, company]),
        ],
        food: [
          dateIn(rng, year),
          rng.pick(['食品安全专项检查', '校园食品安全检查', '农村集体聚餐食品安全检查']),
          rng.pick([`${base}中心小学食堂`, `${base}集镇餐饮店`, `${v}农村家宴厨师`]),
        ],
        construction: [
          dateIn(rng, year),
          '违法建设专项整治巡查',
          rng.pick([`${base}集镇规划区`, `${v}公路沿线`]),
        ],
        other: [dateIn(rng, year), '集镇占道经营整治检查', `${base}集镇主街`],
      } as const
    )[area];
    const found = rng.weighted([
      [0, 2],
      [1, 4],
      [2, 3],
      [3, 2],
      [4, 1],
      [6, 0.5],
    ] as const);
    const deadline = found > 0 ? addDays(date, rng.pick([7, 15, 30])) : undefined;
    const short = found > 0 && (rng.chance(pShort) || (deadline !== undefined && deadline > ctx.today));
    ctx.emit('inspection', {
      date,
      title,
      data: {
        area,
        target,
        power: INSPECTION_POWERS[area].item,
        problemsFound: found,
        problemsRectified: short ? found - rng.int(1, found) : found,
        ...(deadline ? { rectifyDeadline: deadline } : {}),
      },
      org: area === 'homestead' || area === 'fireworks' ? v : t.departments.enforcement.name,
    });
  }

  const penalties = rng.int(year < ctx.reportYear ? 1 : 0, lerp(2, 6, activity));
  const cases = Object.keys(PENALTY_POWERS) as (keyof typeof PENALTY_POWERS)[];
  for (let i = 0; i < penalties; i++) {
    const date = dateIn(rng, year, 1, 10);
    const decided = addDays(date, rng.int(20, 80));
    const open = decided > ctx.today;
    const party = anonymous(rng);
    const cause = rng.pick(cases);
    ctx.emit('penalty', {
      date,
      title: `${party}${cause}`,
      data: {
        party,
        power: PENALTY_POWERS[cause].item,
        status: open ? 'filed' : rng.chance(0.6) ? 'closed' : 'decided',
        ...(open ? {} : { decidedDate: decided, fine: rng.pick([200, 500, 1000, 2000, 3000, 5000, 10000]) }),
      },
      org: t.departments.enforcement.name,
    });
  }
}
