import type { GenContext } from './context.ts';
import { ymd } from './random.ts';

const PLANS: readonly (readonly [area: string, title: string, done: string])[] = [
  ['学法用法', '继续开展年度学法考试，确保镇村干部参考率达到100%', '已组织年度学法考试，应参考人员全部参考'],
  [
    '行政执法',
    '加强行政执法人员培训和管理，做到持证上岗、规范执法',
    '组织执法人员集中培训，新增持证执法人员',
  ],
  ['依法决策', '充分发挥法律顾问在重大行政决策、重大合同签订中的作用', '重大决策和合同全部经法律顾问审查'],
  ['普法宣传', '创新普法形式，运用微信群、视频号开展线上线下相结合的普法', '开设“以案释法”公众号专栏'],
  ['基层治理', '完善矛盾纠纷多元化解机制，推动纠纷就地化解', '建成村级“群众说事”平台'],
  ['行政执法', '推进综合行政执法规范化建设，落实行政执法“三项制度”', '执法全过程记录设备已配备'],
  [
    '组织领导',
    '定期听取法治政府建设工作汇报，党政主要负责人履行第一责任人职责',
    '党委会专题听取法治政府建设汇报',
  ],
  ['政务公开', '规范政务公开栏和网站信息发布，按时公开法治政府建设年度报告', '年度报告于3月底前公开'],
  ['信访工作', '推进信访工作法治化，建立律师参与信访代办机制', '聘请律师参与信访接待'],
  ['普法宣传', '培育学法用法示范户和法律明白人，实现每村不少于3名法律明白人', '完成法律明白人培训'],
];

/** 下一年度工作安排: made each December for the next year; the earlier year's are followed up with their outcome. */
export function commitments(ctx: GenContext): void {
  const { rng, t, year, activity } = ctx;
  const target = year + 1;
  if (target > 2100) return;
  const evaluated = target <= ctx.reportYear;
  const date = ymd(year, 12, rng.int(18, 28));
  for (const [area, title, done] of rng.sample(PLANS, rng.int(4, 7))) {
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
