import { groups, type GroupId } from '../../catalogue/kinds.ts';
import type { LedgerRecord } from '../../core/records.ts';
import type { ReportContext } from './context.ts';
import { shortTitle } from './labels.ts';
import { examples } from './phrase.ts';
import { publicityPlan } from './plans.ts';
import type { ShortcomingType } from './shortcomings.ts';
import type { PlanItem } from './types.ts';

/** The default cause of each shortcoming type (the user may replace it: ReportOverrides.causes). */
const CAUSES: Readonly<Record<ShortcomingType, string>> = {
  no_records: '工作台账登记不及时、不完整，部分工作开展后未及时记录，日常留痕意识有待增强',
  overdue_dispute: '部分纠纷涉及历史遗留问题，当事人诉求分歧较大，调处力量和跟踪督办不足',
  overdue_petition: '信访事项跟踪督办不够有力，承办人员对《信访工作条例》规定的办理期限把握不够严格',
  overdue_penalty: '执法力量相对不足，案件办理流程管控不严，对《行政处罚法》规定的办案期限重视不够',
  low_rate: '相关工作的组织和督促不够到位，工作机制还不够健全',
  falling: '工作力量有所调整，相关活动的计划性和常态化机制不够健全',
  unrectified: '整改跟踪督办不够到位，部分问题整改难度较大、需要一定周期',
  commitment_not_done: '工作统筹推进不够有力，部分事项受客观条件限制未能按计划完成',
};

const RATE_CAUSES: Readonly<Record<string, string>> = {
  'disputes.resolution_rate': '部分纠纷成因复杂，基层调解员专业能力有限，诉调、访调衔接机制还不够顺畅',
  'disputes.satisfaction_rate': '调处过程中释法说理不够充分，回访跟进不够及时',
  'study.exam_participation_rate': '部分干部工作任务重、学法时间难以保证，考试组织和督促不够到位',
  'study.exam_pass_rate': '部分干部学法不深不透，日常学习缺乏系统性',
  'petitions.on_time_rate': '信访事项到期提醒和督办机制不够健全，部分事项情况复杂、协调难度大',
  'litigation.leader_appearance_rate': '负责人出庭应诉意识有待增强，庭审时间与其他工作冲突时统筹不够',
};

export function defaultCause(type: ShortcomingType, id: string): string {
  const key = id.split(':')[1];
  return (type === 'low_rate' && key && RATE_CAUSES[key]) || CAUSES[type];
}

const keyGroup = (id: string): GroupId => {
  const g = (id.split(':')[1] ?? '').split('.')[0] ?? '';
  return g === 'disputes' || g === 'grid' ? 'governance' : g in groups ? (g as GroupId) : 'leadership';
};

/** The part 4 item that answers a shortcoming. */
export function remedyFor(
  type: ShortcomingType,
  id: string,
  c: ReportContext,
  emptyAreas: readonly GroupId[],
  notDone: readonly LedgerRecord[],
): PlanItem {
  switch (type) {
    case 'no_records':
      return {
        area: 'leadership',
        title: '健全法治建设工作台账',
        text: `落实工作台账制度，对${emptyAreas.map((g) => groups[g]).join('、')}等工作做到开展一项、登记一项，确保年度报告数据真实完整、可追溯。`,
      };
    case 'overdue_dispute':
      return {
        area: 'governance',
        title: '提升矛盾纠纷化解质效',
        text: '建立矛盾纠纷办理期限预警和跟踪督办机制，对超期未化解纠纷逐件明确责任人和化解时限，推动诉调、访调衔接。',
      };
    case 'overdue_petition':
      return {
        area: 'petitions',
        title: '推进信访工作法治化',
        text: '严格执行《信访工作条例》规定的受理、办理期限，落实到期提醒和督办制度，做到依法按期办结。',
      };
    case 'overdue_penalty':
      return {
        area: 'enforcement',
        title: '规范行政处罚办案期限',
        text: '严格执行《行政处罚法》关于办案期限的规定，建立案件节点台账，确保立案后按期作出处理决定。',
      };
    case 'unrectified':
      return {
        area: 'enforcement',
        title: '抓好执法检查问题整改',
        text: '对执法检查发现的问题建立整改清单，实行销号管理，逾期未整改的依法进入处罚程序。',
      };
    case 'commitment_not_done':
      return {
        area: 'planning',
        title: '持续推进上年度未完成事项',
        text: `对${examples(notDone.map(shortTitle), '事项')}明确责任人和完成时限，确保落实到位。`,
      };
    case 'low_rate':
    case 'falling': {
      const g = keyGroup(id);
      const items: Partial<Record<GroupId, PlanItem>> = {
        study: {
          area: 'study',
          title: '完善干部学法考试制度',
          text: '落实领导干部学法清单和年度学法考试制度，做到应考尽考，将考试结果作为干部考核的参考。',
        },
        governance: {
          area: 'governance',
          title: '提升矛盾纠纷化解质效',
          text: '加强人民调解员队伍培训，完善回访机制，推动矛盾纠纷实质性化解。',
        },
        petitions: {
          area: 'petitions',
          title: '推进信访工作法治化',
          text: '落实信访事项到期提醒和督办制度，提高按期办结率。',
        },
        litigation: {
          area: 'litigation',
          title: '落实负责人出庭应诉制度',
          text: '严格落实行政机关负责人出庭应诉制度，做到应出尽出、出庭出声。',
        },
        publicity: {
          area: 'publicity',
          title: '加大普法宣传力度',
          text: '制定年度普法计划，保持普法活动常态化开展。',
        },
        legal: {
          area: 'legal',
          title: '强化合法性审查',
          text: '落实重大行政决策、规范性文件和合同协议合法性审查制度，做到应审尽审。',
        },
        disclosure: {
          area: 'disclosure',
          title: '深化政务公开',
          text: '及时主动公开政府信息，做到应公开尽公开。',
        },
      };
      return items[g] ?? { area: g, title: `加强${groups[g]}工作`, text: '完善工作机制，补齐短板弱项。' };
    }
  }
}

/** Items every draft's part 4 carries, adapted to next year's plans (never an expired one). */
export function standingPlans(c: ReportContext): PlanItem[] {
  const next = c.year + 1;
  const plan = publicityPlan(next);
  const pufa = plan
    ? plan.first
      ? `谋划启动${plan.name}，`
      : plan.last
        ? `做好${plan.name}总结验收，`
        : `深入实施${plan.name}，`
    : '';
  return [
    {
      area: 'leadership',
      title: '压实第一责任人职责',
      text: '党政主要负责人切实履行推进法治建设第一责任人职责，定期听取法治政府建设工作汇报，研究解决重大问题。',
    },
    {
      area: 'study',
      title: '深入学习贯彻习近平法治思想',
      text: '把习近平法治思想纳入党委理论学习中心组年度学习计划，落实会前学法和领导干部学法清单制度。',
    },
    {
      area: 'publicity',
      title: '深化普法宣传教育',
      text: `${pufa}结合“3·15”“4·15”“12·4”等重要节点开展主题普法活动，推进“法律明白人”和学法用法示范户培育。`,
    },
    {
      area: 'legal',
      title: '强化合法性审查',
      text: '落实重大行政决策、规范性文件和合同协议合法性审查制度，做到应审尽审。',
    },
  ];
}
