import type { GenContext } from './context.ts';
import { COMPANIES, anonymous, distinctNames } from './names.ts';
import { addDays } from '../../core/calendar.ts';
import { dateIn, lerp, ymd } from './random.ts';

const ORD = ['一', '二', '三', '四', '五', '六', '七', '八'];

/** 网格 and 网格员 registries: grids drawn some years ago, a few merged or added lately, members coming and going. */
export function gridRegistries(ctx: GenContext): void {
  const { rng, t, year } = ctx;
  const target = lerp(20, 30, t.size * 0.7 + rng.next() * 0.3);
  const perVillage = t.villages.map(() => 1);
  for (let i = t.villages.length; i < target; i++) perVillage[rng.int(0, perVillage.length - 1)]! += 1;
  const drawn = ymd(year - 3, rng.int(3, 6), rng.int(1, 28));
  const grids: { name: string; village: string; start: string; end: string | null }[] = [];
  t.villages.forEach((v, vi) => {
    for (let g = 0; g < perVillage[vi]!; g++)
      grids.push({ name: `${v.name}第${ORD[g] ?? g + 1}网格`, village: v.name, start: drawn, end: null });
  });
  // Late in the report year some villages' grids were merged and others split off anew.
  for (const g of rng.sample(
    grids.filter((x) => !x.name.includes('第一')),
    rng.int(1, 2),
  )) {
    const end = dateIn(rng, year, 6, 11);
    if (end <= ctx.today) g.end = end;
  }
  for (const g of rng.sample(grids, rng.int(0, 2))) {
    const start = dateIn(rng, year - rng.int(0, 1), 2, 10);
    const nth = grids.filter((x) => x.village === g.village).length;
    grids.push({ name: `${g.village}第${ORD[nth] ?? nth + 1}网格`, village: g.village, start, end: null });
  }
  const byName = new Map<string, (typeof grids)[number]>();
  for (const g of grids) byName.set(g.name, g);
  for (const g of byName.values()) {
    ctx.emit('grid', {
      date: g.start,
      endDate: g.end ?? undefined,
      title: g.name,
      data: { households: rng.int(80, 320), signs: rng.int(1, 2) },
      org: g.village,
    });
  }

  const live = [...byName.values()];
  const members = lerp(100, 150, t.size * 0.6 + rng.next() * 0.4);
  const names = distinctNames(rng, members + 20);
  names[0] = t.cast.gridMember;
  let next = 0;
  live.forEach((g, gi) => {
    const n = Math.max(
      3,
      Math.round((members * (gi + 1)) / live.length) - Math.round((members * gi) / live.length),
    );
    for (let k = 0; k < n && next < names.length; k++) {
      const name = names[next++]!;
      let end = g.end;
      if (!end && k > 0 && rng.chance(0.06)) {
        const left = dateIn(rng, year - rng.int(0, 1), 2, 11);
        if (left <= ctx.today && left > g.start) end = left;
      }
      ctx.emit('grid_member', {
        date: g.start,
        endDate: end ?? undefined,
        title: name,
        data: { grid: g.name, fullTime: k === 0 },
        org: g.village,
      });
      if (end && end !== g.end && next < names.length) {
        // A member who left is replaced within weeks.
        ctx.emit('grid_member', {
          date: addDays(end, rng.int(7, 40)),
          title: names[next++]!,
          data: { grid: g.name, fullTime: false },
          org: g.village,
        });
      }
    }
  });
}

const TOPICS = {
  neighbour: [
    '排水沟堵塞',
    '通行道路',
    '房屋滴水檐',
    '饲养家禽扰邻',
    '围墙界址',
    '装修噪音',
    '门前堆放杂物',
    '修建化粪池',
  ],
  land: [
    '宅基地边界',
    '山林权属',
    '承包地界址',
    '土地流转租金',
    '坟山',
    '灌溉用水',
    '征地补偿款分配',
    '林地界址',
  ],
  family: ['赡养老人', '离婚财产分割', '遗产继承', '子女抚养费', '婚约彩礼返还'],
  debt: ['民间借贷', '货款拖欠', '建房工程款', '合伙经营分红'],
  labour: ['拖欠工资', '务工受伤赔偿', '工伤待遇', '解除劳动合同补偿'],
  traffic: ['交通事故赔偿', '电动车碰撞赔偿', '农用车刮擦赔偿'],
  property: ['物业费收缴', '小区停车位', '楼上漏水', '电梯维修费用分摊'],
  other: ['消费购物', '房屋租赁', '养殖污染', '合同履行'],
} as const;
type DisputeType = keyof typeof TOPICS;

/** 矛盾纠纷: registered through the year, nearly all mediated within the month; the weak leave more open or late. */
export function disputes(ctx: GenContext): void {
  const { rng, t, year, activity } = ctx;
  const n = lerp(30, 300, t.size * 0.8 + activity * 0.1 + rng.next() * 0.1);
  const urban = t.type === 'street';
  const types: readonly (readonly [DisputeType, number])[] = [
    ['neighbour', 5],
    ['land', urban ? 1 : 5],
    ['family', 3],
    ['debt', 2],
    ['labour', 2],
    ['traffic', 1],
    ['property', urban ? 5 : 0.3],
    ['other', 1],
  ];
  const pFail = 0.005 + 0.05 * (1 - activity);
  const pStuck = 0.035 * (1 - activity);
  for (let i = 0; i < n; i++) {
    const type = rng.weighted(types);
    const date = dateIn(rng, year, 1, 12, true);
    const village = rng.pick(t.villages).name;
    const topic = rng.pick(TOPICS[type]);
    const who = type === 'labour' && rng.chance(0.5) ? rng.pick(COMPANIES).replace('清河县', '') : '';
    const title = who ? `${who}${topic}纠纷` : `${village}${topic}纠纷`;
    const parties = who
      ? `${anonymous(rng)}等${rng.int(2, 12)}人与${who}`
      : `${anonymous(rng)}与${anonymous(rng)}`;
    const dueDate = addDays(date, 30);
    const takes = rng.chance(0.08 * (1 - activity) + 0.01) ? rng.int(31, 60) : rng.int(1, 28);
    let closed = addDays(date, takes);
    let status: 'pending' | 'resolved' | 'failed' = rng.chance(pFail) ? 'failed' : 'resolved';
    if (closed > ctx.today) status = 'pending';
    else if (rng.chance(pStuck)) {
      // A dispute that stalls is not left open for years: after a few months mediation is ended
      // (调解不成, referred to litigation); only recent ones are still open.
      const givenUp = addDays(date, 120);
      if (year < ctx.reportYear && givenUp <= ctx.today) {
        status = 'failed';
        closed = givenUp;
      } else status = 'pending';
    }
    const visited = status === 'resolved' && rng.chance(0.6 + 0.35 * activity);
    const satisfaction =
      status === 'failed'
        ? rng.pick(['dissatisfied', 'not_visited'] as const)
        : !visited
          ? 'not_visited'
          : rng.weighted([
              ['satisfied', 80],
              ['basically', 15],
              ['dissatisfied', 2 + 6 * (1 - activity)],
            ] as const);
    ctx.emit('dispute', {
      date,
      title,
      data: {
        disputeType: type,
        source: rng.weighted([
          ['grid', 4],
          ['visit', 3],
          ['platform', 2],
          ['referral', 1],
          ['other', 0.3],
        ] as const),
        parties,
        status,
        dueDate,
        ...(status === 'pending' ? {} : { closedDate: closed }),
        preLitigation: (type === 'debt' || type === 'traffic' || type === 'labour') && rng.chance(0.12),
        ...(status === 'pending' ? {} : { satisfaction }),
      },
      org: village,
    });
  }
}
