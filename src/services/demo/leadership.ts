import type { GenContext } from './context.ts';
import { dateIn, lerp, spreadDates, ymd } from './random.ts';

const ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 法治建设专题会议 and 第一责任人履职 records. */
export function leadership(ctx: GenContext): void {
  const { rng, t, year, activity } = ctx;
  const n = lerp(3, 8, activity + rng.next() * 0.2 - 0.1);
  const heard = Math.min(n, lerp(1, 4, activity));
  const dates = spreadDates(rng, year, n);
  const topics = [
    `研究部署${year}年度法治政府建设工作要点`,
    '研究年度普法责任清单和学法计划',
    '研究重大行政决策事项目录及合法性审查工作',
    '研究矛盾纠纷排查化解和信访积案攻坚工作',
    '研究行政执法“三项制度”落实和综合行政执法规范化建设',
    '研究法律顾问聘用及履职考核工作',
    '研究行政应诉案件办理及负责人出庭应诉工作',
    '研究迎接县委依法治县办法治督察反馈问题整改',
  ];
  let committee = 0;
  dates.forEach((date, i) => {
    const heardReport = i >= n - heard || (i === 0 && heard > 0);
    const type = heardReport
      ? rng.weighted([
          ['party_committee', 3],
          ['joint', 2],
        ] as const)
      : rng.weighted([
          ['party_committee', 3],
          ['government', 2],
          ['joint', 2],
          ['committee', 2],
        ] as const);
    // Early in the year the report heard is last year's; later, this year's progress.
    const topic = heardReport
      ? date.slice(5, 7) <= '03'
        ? `听取${year - 1}年度法治政府建设工作情况汇报`
        : `听取${year}年法治政府建设工作推进情况汇报`
      : rng.pick(topics);
    const title =
      type === 'committee'
        ? `全面依法治${t.unit === '街道' ? '街' : t.unit}委员会${year}年第${ORDINALS[committee++] ?? committee}次会议`
        : `${{ party_committee: `${t.party}会`, government: `${t.gov}常务会议`, joint: '党政联席会议' }[type]}专题${topic}`;
    ctx.emit('leadership_meeting', {
      date,
      title,
      data: {
        meetingType: type,
        heardReport,
        chair: type === 'government' ? t.cast.head : t.cast.secretary,
        attendees: rng.int(type === 'joint' ? 15 : 9, type === 'committee' ? 32 : 22),
        topics: heardReport ? `${topic}，研究解决工作推进中的困难和问题，部署下一阶段重点任务` : topic,
      },
      org: t.departments.office.name,
    });
  });

  const duties: readonly (readonly ['deploy' | 'inquire' | 'coordinate' | 'supervise', string])[] = [
    ['deploy', `亲自部署${year}年度法治政府建设和普法工作`],
    ['deploy', '亲自部署“八五”普法和法治乡村建设重点任务'],
    ['inquire', `亲自过问${ctx.rng.pick(t.villages).name}山林权属纠纷化解进展`],
    ['inquire', '亲自过问信访积案化解和群众诉求办理情况'],
    ['coordinate', '亲自协调重点项目征地补偿协议合法性审查'],
    ['coordinate', `亲自协调${ctx.rng.pick(t.villages).name}土地流转纠纷调处`],
    ['supervise', '亲自督办法治督察反馈问题整改'],
    ['supervise', '亲自督办安全生产隐患整改落实'],
    ['supervise', '亲自督办行政应诉案件答辩举证'],
    ['inquire', '亲自过问年度学法考试组织情况'],
    ['deploy', '亲自部署“12·4”国家宪法日系列宣传活动'],
    ['coordinate', '亲自协调拖欠农民工工资问题处置'],
  ];
  // 八五 plan runs 2021–2025; other years must not cite it.
  const usable = duties.filter(([, s]) => !s.includes('八五') || (year >= 2021 && year <= 2025));
  const m = lerp(3, 10, activity);
  rng.sample(usable, m).forEach(([action, title]) => {
    const position = rng.weighted([
      ['secretary', 5],
      ['head', 4],
      ['deputy', 2],
    ] as const);
    const leader = { secretary: t.cast.secretary, head: t.cast.head, deputy: t.cast.deputy }[position];
    const date = title.includes('12·4') ? ymd(year, 11, rng.int(20, 28)) : dateIn(rng, year);
    ctx.emit('leader_duty', { date, title, data: { leader, position, action } });
  });
}
