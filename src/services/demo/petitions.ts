import type { GenContext } from './context.ts';
import { addDays } from '../../core/calendar.ts';
import { dateIn, lerp, spreadDates } from './random.ts';

const CLAIMS = [
  '道路硬化',
  '饮水安全',
  '低保评定',
  '征地补偿款发放',
  '宅基地审批',
  '拖欠工资',
  '邻居建房影响通行',
  '养殖场污染',
  '医保缴费',
  '危房改造',
  '村务公开',
  '山林权属',
  '耕地地力保护补贴发放',
  '安置房分配',
];
const URBAN_CLAIMS = ['小区物业管理', '噪音扰民', '老旧小区改造', '商铺占道经营', '小区停车难'];
const SUGGESTIONS = ['增设路灯', '修缮村组道路', '改善集镇交通秩序', '增设公交站点', '整治河道垃圾'];
const REPORTS = ['村干部优亲厚友', '违规占用耕地建房', '村集体资金使用不规范', '非法采砂'];

/** 信访事项 (信访工作条例 第31条: 办结 within 60日 of acceptance) and 领导接访. */
export function petitions(ctx: GenContext): void {
  const { rng, t, year, activity } = ctx;
  const n = lerp(10, 40, t.size * 0.6 + (1 - activity) * 0.25 + rng.next() * 0.15);
  const pLate = 0.02 + 0.2 * (1 - activity);
  for (let i = 0; i < n; i++) {
    const type = rng.weighted([
      ['claim', 6],
      ['suggestion', 2],
      ['report', 1],
    ] as const);
    const village = rng.pick(t.villages).name;
    const title =
      type === 'claim'
        ? `反映${village}${rng.pick(t.type === 'street' ? [...CLAIMS, ...URBAN_CLAIMS, ...URBAN_CLAIMS] : CLAIMS)}问题`
        : type === 'suggestion'
          ? `建议${village}${rng.pick(SUGGESTIONS)}`
          : `检举${village}${rng.pick(REPORTS)}问题`;
    const date = dateIn(rng, year);
    const notAccepted = rng.chance(0.04);
    const accepted = addDays(date, rng.int(1, 10));
    const dueDate = addDays(accepted, 60);
    const closed = addDays(accepted, rng.chance(pLate) ? rng.int(61, 85) : rng.int(10, 58));
    const isClosed = !notAccepted && closed <= ctx.today;
    const status = notAccepted
      ? 'not_accepted'
      : isClosed
        ? 'closed'
        : accepted <= ctx.today
          ? 'accepted'
          : 'registered';
    const many = rng.chance(0.08);
    ctx.emit('petition', {
      date,
      title,
      data: {
        petitionType: type,
        form: rng.weighted([
          ['visit', 4],
          ['online', 3],
          ['letter', 1],
          ['phone', 1],
        ] as const),
        petitioners: many ? rng.int(6, 25) : rng.int(1, 3),
        status,
        ...(notAccepted ? {} : { dueDate }),
        ...(isClosed ? { closedDate: closed, resolved: rng.chance(0.8 + 0.17 * activity) } : {}),
      },
      org: village,
    });
  }

  const leaders = [t.cast.secretary, t.cast.head, t.cast.deputy];
  spreadDates(rng, year, lerp(10, 24, activity)).forEach((date, i) => {
    ctx.emit('petition_reception', {
      date,
      title: `${t.gov}信访接待室领导接访日`,
      data: { leader: leaders[i % leaders.length]!, receptionType: 'scheduled', visitors: rng.int(3, 16) },
      org: t.departments.petition.name,
    });
  });
  for (let i = lerp(3, 12, activity); i > 0; i--) {
    const v = rng.pick(t.villages).name;
    const platform = rng.chance(0.35);
    ctx.emit('petition_reception', {
      date: dateIn(rng, year),
      title: platform ? `${v}“群众说事”平台` : `下访${v}`,
      data: {
        leader: rng.pick(leaders),
        receptionType: platform ? 'platform' : 'down_visit',
        visitors: rng.int(4, 30),
      },
      org: v,
    });
  }
}
