import type { GenContext } from './context.ts';
import { anonymous } from './names.ts';
import { addDays } from '../../core/calendar.ts';
import { dateIn, lerp, weekday, ymd } from './random.ts';

/** The text a demo item shows on the public portal: by its category, drawing nothing at random. */
function contentOf(title: string, category: string): string {
  const lead = `根据《中华人民共和国政府信息公开条例》有关规定，现将${title.replace(/公示$|公开$/, '')}有关情况予以公开。`;
  const body: Readonly<Record<string, string>> = {
    社会救助: '公示期为7天。公示期间，如有异议，请向镇（乡、街道）社会事务办反映，电话在政务公开栏公布。',
    惠农补贴: '补贴资金已通过“一卡通”发放到户。对发放情况有疑问的，可向镇（乡、街道）农业服务中心咨询。',
    财政预决算: '预算（决算）包括收支总表、一般公共预算支出表、“三公”经费支出表及说明，详见附表。',
    法治政府建设:
      '报告包括上一年度推进法治政府建设的主要举措和成效、存在的不足和原因、党政主要负责人履行推进法治建设第一责任人职责情况及下一年度主要安排。',
  };
  return `${lead}\n${body[category] ?? '欢迎社会各界监督。对公开内容有疑问的，可依法申请政府信息公开。'}`;
}

/** 主动公开信息 (monthly and quarterly notices, annual reports, budgets) and the odd 依申请公开. */
export function disclosure(ctx: GenContext): void {
  const { rng, t, year, activity } = ctx;
  const items: { date: string; title: string; category: string }[] = [];
  const add = (date: string, title: string, category: string) =>
    items.push({ date: weekday(date), title, category });
  // 政府信息公开条例 第50条: the annual disclosure report by 31 January.
  add(ymd(year, 1, rng.int(10, 28)), `${t.name}${year - 1}年政府信息公开工作年度报告`, '年度报告');
  add(ymd(year, rng.int(1, 3), rng.int(5, 25)), `${t.name}${year}年部门预算公开`, '财政预决算');
  // Due before 1 April; a weak township publishes late, which a reviewer should notice.
  add(
    activity > 0.35 ? ymd(year, rng.int(2, 3), rng.int(1, 25)) : ymd(year, 4, rng.int(8, 28)),
    `${t.name}${year - 1}年度法治政府建设情况报告`,
    '法治政府建设',
  );
  add(ymd(year, rng.int(8, 9), rng.int(1, 25)), `${t.name}${year - 1}年部门决算公开`, '财政预决算');
  for (let m = 1; m <= 12; m++) {
    if (activity > 0.3 || m % 3 === 0)
      add(
        ymd(year, m, rng.int(5, 12)),
        `${t.name}${year}年${m}月城乡低保、特困人员救助资金发放情况公示`,
        '社会救助',
      );
  }
  for (let q = 1; q <= 4; q++)
    add(ymd(year, q * 3, rng.int(15, 25)), `${t.name}${year}年第${q}季度惠农补贴发放情况公示`, '惠农补贴');
  const extra = [
    [`${t.name}${year}年防汛抗旱应急预案`, '应急管理'],
    [`${t.name}权责清单（${year}年版）`, '权责清单'],
    [`${t.name}${year}年重点工作任务分解`, '工作动态'],
    [`${t.name}行政执法“双随机、一公开”抽查结果公示`, '执法信息'],
    [`${t.name}${year}年度普法责任清单`, '法治政府建设'],
    [`${t.name}村级小型公益项目招标公告`, '工程建设'],
    [`${t.name}耕地保护和粮食安全责任制落实情况公示`, '惠农补贴'],
    [`${t.name}森林防火禁火令`, '应急管理'],
    [`${t.name}人居环境整治“红黑榜”`, '工作动态'],
    [`${t.name}残疾人两项补贴发放名单公示`, '社会救助'],
  ] as const;
  const target = lerp(30, 70, activity * 0.7 + rng.next() * 0.3);
  while (items.length < target) {
    const v = rng.pick(t.villages).name;
    if (rng.chance(0.35)) add(dateIn(rng, year), `${v}${year}年低保对象民主评议结果公示`, '社会救助');
    else {
      const [title, category] = rng.pick(extra);
      add(dateIn(rng, year), title, category);
    }
  }
  const seen = new Set<string>();
  // Its own stream, so the other draws (and the figures they give) stay as they were.
  const made = rng.fork('made');
  for (const it of items) {
    const key = it.date + it.title;
    if (seen.has(key)) continue;
    seen.add(key);
    ctx.emit('disclosure_item', {
      date: it.date,
      title: it.title,
      data: {
        channel: rng.weighted([
          ['website', 5],
          ['board', 3],
          ['wechat', 2],
        ] as const),
        category: it.category,
        content: contentOf(it.title, it.category),
        // Made a few days before it was published; a weak township now and then publishes late (第26条).
        madeDate: addDays(it.date, -made.int(1, made.chance(0.1 * (1 - activity)) ? 45 : 20)),
      },
      org: t.departments.office.name,
    });
  }

  const matters = [
    '征地补偿安置方案',
    '建房审批材料',
    '低保评审材料',
    '道路工程施工合同',
    '违建拆除决定依据',
    '集体资金收支明细',
  ];
  for (let i = rng.int(year < ctx.reportYear ? 1 : 0, 3); i > 0; i--) {
    const date = dateIn(rng, year);
    // 政府信息公开条例 第33条: 20个工作日, about 28 calendar days.
    const reply = addDays(date, rng.int(8, 27));
    const replied = reply <= ctx.today;
    ctx.emit('disclosure_request', {
      date,
      title: `申请公开${rng.pick(t.villages).name}${rng.pick(matters)}`,
      data: {
        applicant: anonymous(rng),
        status: replied ? 'replied' : 'received',
        ...(replied
          ? {
              replyDate: reply,
              replyType: rng.weighted([
                ['disclosed', 5],
                ['partial', 2],
                ['not_exist', 2],
                ['not_ours', 1],
                ['not_disclosed', 0.5],
              ] as const),
            }
          : {}),
      },
      org: t.departments.office.name,
    });
  }
}
