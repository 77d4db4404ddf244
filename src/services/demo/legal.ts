import type { GenContext } from './context.ts';
import { COMPANIES, anonymous } from './names.ts';
import { addDays } from '../../core/calendar.ts';
import { dateIn, lerp, weekday, ymd } from './random.ts';

type Conclusion = 'pending' | 'lawful' | 'amend' | 'unlawful';

function review(
  ctx: GenContext,
  date: string,
  title: string,
  reviewType: 'decision' | 'normative' | 'contract' | 'other',
  org?: string,
): void {
  const { rng, t } = ctx;
  const done = addDays(date, rng.int(2, 10));
  const conclusion: Conclusion =
    done > ctx.today
      ? 'pending'
      : rng.weighted([
          ['lawful', 7],
          ['amend', 3],
          ['unlawful', 0.2],
        ] as const);
  ctx.emit('legal_review', {
    date,
    title,
    data: {
      reviewType,
      reviewer: rng.chance(0.5) ? t.cast.justiceChief : rng.pick(t.cast.advisers).name,
      conclusion,
      ...(conclusion === 'pending' ? {} : { completedDate: done }),
    },
    org: org ?? t.departments.justice.name,
  });
}

/** 重大行政决策 through the five procedures, each decided one reviewed for legality first (条例 第25–26条). */
export function decisions(ctx: GenContext): void {
  const { rng, t, year, activity } = ctx;
  const base = t.name.replace(/(街道|镇|乡)$/, '');
  const subjects = [
    `${base}集镇污水管网建设项目实施方案`,
    `${t.name}农村人居环境整治提升行动方案`,
    `${rng.pick(t.villages).name}土地征收补偿安置方案`,
    `${base}农贸市场改造提升项目`,
    `${t.name}村级集体经济发展扶持办法`,
    t.type === 'street' ? `${t.name}老旧小区改造实施方案` : `${t.name}高标准农田建设项目实施方案`,
  ];
  // At least one decision in the earlier year, so every township shows the procedure.
  const n = rng.int(year < ctx.reportYear ? 1 : 0, lerp(1, 3, activity));
  for (const title of rng.sample(subjects, n)) {
    const start = dateIn(rng, year, 1, 9);
    const decided = weekday(addDays(start, rng.int(60, 140)));
    const reviewed = addDays(decided, -rng.int(10, 20));
    const yearEnd = ymd(year, 12, 31);
    const reached = (d: string) => d <= ctx.today && d <= yearEnd;
    let status: 'public_comment' | 'expert' | 'risk' | 'legality' | 'decided' | 'published' | 'abandoned';
    if (rng.chance(0.06)) status = 'abandoned';
    else if (reached(decided)) status = rng.chance(0.6) ? 'published' : 'decided';
    else if (reached(reviewed)) status = 'legality';
    else status = rng.pick(['public_comment', 'expert', 'risk'] as const);
    if (status === 'decided' || status === 'published' || status === 'legality')
      review(ctx, reviewed, title, 'decision');
    const taken = status === 'decided' || status === 'published';
    ctx.emit('major_decision', {
      date: start,
      title,
      data: {
        status,
        ...(taken ? { decidedDate: decided, meeting: rng.pick([`${t.party}会`, `${t.gov}常务会议`]) } : {}),
      },
      org: t.departments.office.name,
    });
  }
}

/** 合法性审查 of contracts, normative documents and other legal matters; decisions are reviewed in `decisions`. */
export function reviews(ctx: GenContext): void {
  const { rng, t, year, activity } = ctx;
  const base = t.name.replace(/(街道|镇|乡)$/, '');
  const contracts = lerp(10, 25, activity * 0.6 + rng.next() * 0.4);
  for (let i = 0; i < contracts; i++) {
    const v = rng.pick(t.villages).name;
    const c = rng.pick(COMPANIES).replace('清河县', '');
    const title = rng.pick([
      `${v}集体土地流转合同`,
      `${t.gov}与${c}道路硬化工程施工合同`,
      `${base}集镇保洁服务外包合同`,
      `${v}光伏发电项目屋顶租赁协议`,
      `${t.gov}${year}年度法律顾问服务合同`,
      `${v}集体林地承包合同`,
      `${base}敬老院委托运营协议`,
      `${v}高标准农田建设项目施工合同`,
      `${v}集体厂房租赁合同`,
      `${t.gov}与${c}招商引资协议`,
    ]);
    review(ctx, dateIn(rng, year), title, 'contract', title.startsWith(v) ? v : undefined);
  }
  if (rng.chance(0.3))
    review(ctx, dateIn(rng, year), `${t.name}村级公益事业建设“一事一议”管理办法`, 'normative');
  for (let i = lerp(2, 6, activity); i > 0; i--) {
    const v = rng.pick(t.villages).name;
    const title = rng.pick([
      `${v}村规民约（修订稿）`,
      `${t.gov}行政处罚决定书（${anonymous(rng)}违法建设案）`,
      `${t.gov}政府信息公开申请答复书`,
      `${t.gov}信访事项处理意见书`,
      `${v}集体经济组织收益分配方案`,
    ]);
    review(ctx, dateIn(rng, year), title, 'other');
  }
}

const MATTERS = [
  '村规民约修订',
  '集体资产出租',
  '土地流转合同续签',
  '股份经济合作社章程',
  '工程款支付争议',
  '林权流转',
  '房屋征收补偿协议',
  '集体收益分配方案',
  '宅基地纠纷调处',
  '涉诉信访化解',
  '村级工程招投标',
  '集体经济合同履行',
];

/** 法律意见 by the township's legal advisers, and the consultations they answered (人次). */
export function advisers(ctx: GenContext): void {
  const { rng, t, year, activity } = ctx;
  const opinions = lerp(50, 100, activity * 0.7 + rng.next() * 0.3);
  for (let i = 0; i < opinions; i++) {
    const adviser = rng.pick(t.cast.advisers).name;
    const type = rng.weighted([
      ['village', 6],
      ['contract', 3],
      ['dispute', 2],
      ['decision', 1],
      ['other', 1],
    ] as const);
    const v = rng.pick(t.villages).name;
    const title = {
      village: `就${v}${rng.pick(MATTERS)}出具法律意见`,
      contract: `${rng.pick(COMPANIES).replace('清河县', '')}合作项目合同法律意见`,
      dispute: `${v}${rng.pick(['山林权属', '土地承包', '工程款', '赡养'])}纠纷化解法律意见`,
      decision: `${t.name}重大事项决策前法律意见`,
      other: rng.pick([
        `${t.gov}行政应诉答辩法律意见`,
        `${t.gov}涉法信访事项法律意见`,
        `${t.gov}规范性文件清理法律意见`,
      ]),
    }[type];
    ctx.emit('legal_opinion', {
      date: dateIn(rng, year),
      title,
      data: { adviser, opinionType: type },
      org: type === 'village' || type === 'dispute' ? v : undefined,
    });
  }

  // Spread the year's consultations over monthly office, phone and online tallies and village visits.
  const target = lerp(1000, 2500, activity * 0.6 + t.size * 0.2 + rng.next() * 0.2);
  const visits = lerp(8, 24, activity);
  const slots: {
    date: string;
    title: string;
    channel: 'office' | 'phone' | 'online' | 'village';
    org?: string;
    w: number;
  }[] = [];
  for (let m = 1; m <= 12; m++) {
    const end = weekday(addDays(ymd(year, m + 1, 1), -3));
    slots.push({
      date: end,
      title: `${t.name}公共法律服务工作站坐班接待（${m}月）`,
      channel: 'office',
      org: t.departments.justice.name,
      w: 3 + rng.next() * 2,
    });
    slots.push({ date: end, title: `法律顾问咨询热线（${m}月）`, channel: 'phone', w: 1.5 + rng.next() });
    slots.push({
      date: end,
      title: `“法律服务在线”网络咨询（${m}月）`,
      channel: 'online',
      w: 1 + rng.next() * 2,
    });
  }
  for (let i = 0; i < visits; i++) {
    const v = rng.pick(t.villages).name;
    slots.push({
      date: dateIn(rng, year),
      title: `法律顾问进${v}开展“法律服务进村居”`,
      channel: 'village',
      org: v,
      w: 1 + rng.next(),
    });
  }
  const total = slots.reduce((s, x) => s + x.w, 0);
  for (const s of slots) {
    ctx.emit('adviser_consultation', {
      date: s.date,
      title: s.title,
      data: {
        adviser: rng.pick(t.cast.advisers).name,
        channel: s.channel,
        people: Math.max(1, Math.round((target * s.w) / total)),
      },
      org: s.org,
    });
  }
}
