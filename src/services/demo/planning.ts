import type { GenContext } from './context.ts';
import { ymd } from './random.ts';

/**
 * Next year's work plans a township might make: its area, phrasings of the plan and of its outcome
 * (`{村}` is one of the township's villages). Each township words the same plan its own way.
 */
const PLANS: readonly (readonly [area: string, titles: readonly string[], done: readonly string[]])[] = [
  [
    '学法用法',
    ['继续开展年度学法考试，确保镇村干部参考率达到100%', '组织镇村干部年度学法考试，做到应考尽考'],
    [
      '已组织年度学法考试，应参考人员全部参考',
      '学法考试已于年中组织，补考同步完成',
      '{村}等村干部全部参加考试',
    ],
  ],
  [
    '行政执法',
    ['加强行政执法人员培训和管理，做到持证上岗、规范执法', '开展行政执法人员轮训，新增持证执法人员'],
    ['组织执法人员集中培训，新增持证执法人员', '执法人员参加县级轮训并通过考试', '执法队员全部参加年度培训'],
  ],
  [
    '依法决策',
    ['充分发挥法律顾问在重大行政决策、重大合同签订中的作用', '重大决策和重大合同签订前一律经法律顾问审查'],
    ['重大决策和合同全部经法律顾问审查', '法律顾问列席党政联席会议审查议题', '合同审查台账已建立'],
  ],
  [
    '普法宣传',
    ['创新普法形式，运用微信群、视频号开展线上线下相结合的普法', '开设线上普法栏目，推动普法进村入户'],
    ['开设“以案释法”公众号专栏', '在{村}试点村级普法微信群', '视频号发布普法短视频'],
  ],
  [
    '基层治理',
    ['完善矛盾纠纷多元化解机制，推动纠纷就地化解', '推广“群众说事”做法，把纠纷化解在村组'],
    ['建成村级“群众说事”平台', '{村}“群众说事”室已投入使用', '村级调解委员会全部完成换届'],
  ],
  [
    '行政执法',
    [
      '推进综合行政执法规范化建设，落实行政执法“三项制度”',
      '落实行政执法公示、执法全过程记录和重大执法决定审核制度',
    ],
    ['执法全过程记录设备已配备', '执法公示栏已在政府大院设立', '重大执法决定审核清单已制定'],
  ],
  [
    '组织领导',
    [
      '定期听取法治政府建设工作汇报，党政主要负责人履行第一责任人职责',
      '每季度专题研究法治建设，主要负责人年终述法',
    ],
    ['党委会专题听取法治政府建设汇报', '主要负责人在年终述职中专门述法', '四个季度均召开专题会议'],
  ],
  [
    '政务公开',
    ['规范政务公开栏和网站信息发布，按时公开法治政府建设年度报告', '3月底前公开法治政府建设年度报告'],
    ['年度报告于3月底前公开', '政务公开栏按月更新', '{村}等村务公开栏完成规范化改造'],
  ],
  [
    '信访工作',
    ['推进信访工作法治化，建立律师参与信访代办机制', '落实律师参与信访接待，依法分类处理诉求'],
    ['聘请律师参与信访接待', '律师每周到信访接待室坐班', '疑难信访事项均有律师出具意见'],
  ],
  [
    '普法宣传',
    ['培育学法用法示范户和法律明白人，实现每村不少于3名法律明白人', '每村培养法律明白人不少于2名'],
    ['完成法律明白人培训', '{村}等村法律明白人全部持证', '示范户评选已完成'],
  ],
];

/** 下一年度工作安排: made each December for the next year; the earlier year's are followed up with their outcome. */
export function commitments(ctx: GenContext): void {
  const { rng, t, year, activity } = ctx;
  const target = year + 1;
  if (target > 2100) return;
  const evaluated = target <= ctx.reportYear;
  const date = ymd(year, 12, rng.int(18, 28));
  const village = t.villages[t.index % Math.max(1, t.villages.length)]?.name ?? '各';
  const said = (list: readonly string[], i: number): string =>
    (list[(t.index + i) % list.length] ?? '').replace('{村}', village);
  for (const [i, [area, titles, outcomes]] of rng.sample(PLANS, rng.int(4, 7)).entries()) {
    const title = said(titles, i);
    const done = said(outcomes, i);
    const status = evaluated
      ? rng.weighted([
          ['done', 3 + 6 * activity],
          ['in_progress', 2],
          ['not_done', 0.3 + 2 * (1 - activity)],
        ] as const)
      : 'planned';
    const progress = {
      done,
      in_progress: `正在推进：${done.replace(/^已/, '')}，尚未全部完成`,
      not_done: '受经费、人员等因素影响未能完成，列入下一年度继续推进',
      planned: '',
    }[status];
    ctx.emit('commitment', {
      date,
      title,
      data: { targetYear: target, area, status, ...(progress ? { progress } : {}) },
      org: t.departments.office.name,
    });
  }
}
