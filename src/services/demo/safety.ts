import type { GenContext } from './context.ts';
import { dateIn, lerp, spreadDates, ymd } from './random.ts';

/** 安全生产专题会议 (safety is raised at every meeting; these are the dedicated ones) and 应急演练. */
export function safety(ctx: GenContext): void {
  const { rng, t, year, activity } = ctx;
  const base = t.name.replace(/(街道|镇|乡)$/, '');
  const titles = [
    `${t.name}安全生产暨自然灾害防治专题会议`,
    `${t.name}汛前安全生产工作部署会`,
    `${t.name}节前安全生产大检查部署会`,
    `${t.name}重点人群风险研判会`,
    `${t.name}森林防火工作专题会议`,
    `${t.name}燃气安全专项整治推进会`,
    `${t.name}道路交通安全工作会议`,
  ];
  spreadDates(rng, year, lerp(4, 12, activity + rng.next() * 0.1)).forEach((date, i) => {
    ctx.emit('safety_meeting', {
      date,
      title: i === 0 ? titles[0]! : rng.pick(titles),
      data: { chair: rng.chance(0.6) ? t.cast.head : t.cast.deputy, attendees: rng.int(20, 60) },
      org: t.departments.office.name,
    });
  });
  const drills = [
    ['fire', `${base}敬老院消防安全应急疏散演练`],
    ['earthquake', `${base}中心小学地震应急疏散演练`],
    ['flood', `${t.name}防汛抢险应急演练`],
    ['geologic', `${rng.pick(t.villages).name}地质灾害避险转移演练`],
    ['fire', `${t.name}机关消防灭火实操演练`],
    ['other', `${t.name}森林火灾扑救应急演练`],
  ] as const;
  for (const [drillType, title] of rng.sample(drills, lerp(2, 6, activity))) {
    const date = drillType === 'flood' ? ymd(year, 5, rng.int(8, 28)) : dateIn(rng, year, 3, 11);
    ctx.emit('safety_drill', { date, title, data: { drillType, participants: rng.int(40, 300) } });
  }
}
