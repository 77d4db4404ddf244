import type { GenContext } from './context.ts';
import { distinctNames } from './names.ts';
import { dateIn, lerp, spreadDates, weekday, ymd } from './random.ts';

const ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/**
 * 党政主要负责人: the township's 党委（党工委）书记 and 乡镇长（街道办事处主任）, in office since
 * before the two ledger years, each after a predecessor who left (离任) the day the successor took office.
 */
export function principalLeaders(ctx: GenContext): void {
  const { rng, t, reportYear } = ctx;
  const cast = new Set(Object.values(t.cast).filter((v): v is string => typeof v === 'string'));
  const former = distinctNames(rng, 6)
    .filter((n) => !cast.has(n))
    .slice(0, 2);
  const posts = [
    ['secretary', t.cast.secretary],
    ['head', t.cast.head],
  ] as const;
  posts.forEach(([position, name], i) => {
    const since = dateIn(rng, reportYear - rng.int(2, 4), 1, 12);
    const org = t.departments.office.name;
    const predecessor = former[i];
    if (predecessor) {
      const from = dateIn(rng, Number(since.slice(0, 4)) - rng.int(3, 5), 1, 12);
      ctx.emit('principal_leader', {
        date: from,
        endDate: since,
        title: predecessor,
        data: { position },
        org,
      });
    }
    ctx.emit('principal_leader', { date: since, title: name, data: { position }, org });
  });
}

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

  // 述法: the principal leaders account for their rule-of-law duty in the year-end 述职, as
  // 党政主要负责人履行推进法治建设第一责任人职责规定 (2016) requires. The weakest townships leave it out.
  if (activity >= 0.25) {
    const whoSpeaks = activity >= 0.4 ? (['secretary', 'head'] as const) : (['secretary'] as const);
    for (const position of whoSpeaks) {
      const leader = position === 'secretary' ? t.cast.secretary : t.cast.head;
      const title =
        position === 'secretary'
          ? `在${year}年度${t.party}班子述职会上专门述法，报告履行推进法治建设第一责任人职责情况`
          : `在${year}年度述职述廉述法会上专门述法，接受述法评议`;
      ctx.emit('leader_duty', {
        date: weekday(ymd(year, 12, rng.int(16, 26))),
        title,
        data: { leader, position, action: 'report_law' },
      });
    }
  }
}
