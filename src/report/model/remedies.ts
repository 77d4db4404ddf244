import { groups, type GroupId } from '../../catalogue/kinds.ts';
import type { ReportContext } from './context.ts';
import { publicityPlan } from './plans.ts';
import type { Finding, ShortcomingType } from './shortcomings.ts';
import type { PlanItem } from './types.ts';

/** Causes to propose for each shortcoming type; the township confirms one or writes its own. */
const CAUSES: Readonly<Record<ShortcomingType, readonly string[]>> = {
  no_records: ['工作开展后未及时登记台账，日常留痕意识不强', '相关工作确未开展，年初计划落实不到位'],
  overdue_dispute: [
    '当事人诉求分歧较大，多次调解未能达成一致',
    '调处力量不足，跟踪督办不及时',
    '纠纷涉及土地、历史等复杂因素，需多部门协调',
  ],
  overdue_petition: ['信访事项跟踪督办不够有力，到期提醒未落实', '事项涉及多个部门，协调办理用时较长'],
  overdue_penalty: ['案件调查取证难度大，办案用时较长', '执法力量不足，案件节点管控不严'],
  low_rate: ['相关工作的组织和督促不够到位', '工作机制不够健全，过程跟踪不及时'],
  falling: ['相关工作年内计划安排减少', '开展后未及时登记台账', '工作力量或经费发生变化'],
  unrectified: ['部分问题整改难度大、需要一定周期', '整改跟踪督办不到位，复查不及时'],
  commitment_not_done: ['受经费、人员等客观条件限制', '工作统筹推进不够有力，责任未压实到人'],
};

const RATE_CAUSES: Readonly<Record<string, readonly string[]>> = {
  'disputes.resolution_rate': ['部分纠纷成因复杂，当事人分歧较大', '调解员专业能力不足，诉调、访调衔接不畅'],
  'disputes.satisfaction_rate': ['调处过程中释法说理不够充分', '回访跟进不及时，后续问题未妥善处理'],
  'study.exam_participation_rate': ['部分干部因公出差、值班等未能参考，未组织补考', '考试组织和督促不到位'],
  'study.exam_pass_rate': ['部分干部学法不深不透，日常学习缺乏系统性', '考前辅导和学习资料准备不足'],
  'petitions.on_time_rate': ['到期提醒和督办机制不够健全', '部分事项情况复杂、协调难度大'],
  'litigation.leader_appearance_rate': ['庭审时间与其他公务冲突，统筹安排不够', '负责人出庭应诉意识有待增强'],
};

const FALL_CAUSES: Readonly<Record<string, readonly string[]>> = {
  'enforcement.penalties': ['辖区违法行为减少', '执法检查和案件查处力度减弱', '部分案件移交县级部门办理'],
  'disclosure.items': ['应公开事项减少', '信息公开工作重视不够、更新不及时'],
};

/** The proposed causes of a shortcoming as the 【待核实】 text: numbered choices, then the township's own. */
export function causeChoices(c: ReportContext, type: ShortcomingType, id: string): string {
  const key = id.split(':')[1] ?? '';
  const list =
    (type === 'low_rate' && RATE_CAUSES[key]) || (type === 'falling' && FALL_CAUSES[key]) || CAUSES[type];
  const marks = ['①', '②', '③', '④'];
  const lead = c.pick(`cause.lead.${id}`, ['请选择原因并删去其余', '原因请确认或改写', '请核实原因']);
  return `${lead}：${list.map((t, i) => `${marks[i] ?? ''}${t}`).join('；')}；${marks[list.length] ?? ''}其他（请写明）`;
}

const keyGroup = (id: string): GroupId => {
  const g = (id.split(':')[1] ?? '').split('.')[0] ?? '';
  return g === 'disputes' || g === 'grid' ? 'governance' : g in groups ? (g as GroupId) : 'leadership';
};

/** The part 4 item that answers a shortcoming, naming what it answers. */
export function remedyFor(s: Finding, c: ReportContext): PlanItem {
  const subject = s.subject ?? '';
  const say = (slot: string, parts: readonly (readonly string[])[]): string =>
    c.compose(`remedy.${slot}`, parts);
  switch (s.type) {
    case 'no_records':
      return {
        area: 'leadership',
        title: '健全法治建设工作台账',
        text: say('ledger', [
          ['落实工作台账制度，', '严格执行台账登记制度，', '明确台账登记责任人，'],
          [`${subject}等工作开展一项、登记一项，`, `${subject}等工作做到随办随记，`],
          ['每季度由党政办核对一次，', '月底前完成当月台账整理，', '证据材料随台账同步上传，'],
          ['确保年度报告数据真实完整、可追溯。', '做到数据有据可查。'],
        ]),
      };
    case 'overdue_dispute':
      return {
        area: 'governance',
        title: '提升矛盾纠纷化解质效',
        text: say('dispute', [
          [`对${subject}逐件明确责任人和化解时限，`, `对${subject}实行包案化解，`],
          ['建立办理期限预警和跟踪督办机制，', '定期通报化解进展，', '落实“一案一策”，'],
          ['推动诉调、访调衔接。', '必要时引导当事人通过诉讼、仲裁等途径依法解决。'],
        ]),
      };
    case 'overdue_petition':
      return {
        area: 'petitions',
        title: '推进信访工作法治化',
        text: say('petition', [
          [`对${subject}限期办结，`, `对${subject}逐件督办，`],
          ['严格执行《信访工作条例》规定的受理、办理期限，', '按《信访工作条例》规定的期限依法办理，'],
          ['落实到期提醒和督办制度。', '实行领导包案、逐件销号。', '每周调度未办结事项。'],
        ]),
      };
    case 'overdue_penalty':
      return {
        area: 'enforcement',
        title: '规范行政处罚办案期限',
        text: say('penalty', [
          [`对${subject}依法尽快作出处理决定，`, `督促${subject}依法按期办结，`],
          ['建立案件节点台账，', '实行办案期限预警，'],
          ['严格执行《行政处罚法》第六十条关于办案期限的规定。', '确保立案之日起九十日内作出处理决定。'],
        ]),
      };
    case 'unrectified':
      return {
        area: 'enforcement',
        title: '抓好执法检查问题整改',
        text: say('rectify', [
          [
            '对尚未整改到位的问题建立整改清单，',
            '对未整改到位的问题逐项列出清单，',
            '对执法检查发现的遗留问题挂牌督办，',
          ],
          ['实行销号管理，', '明确整改时限并组织复查，', '整改情况纳入年度考核，'],
          ['逾期未整改的依法进入处罚程序。', '做到闭环管理。'],
        ]),
      };
    case 'commitment_not_done':
      return {
        area: 'planning',
        title: '持续推进上年度未完成事项',
        text: say('carry', [
          [`对${subject}`, `将${subject}列入本年度重点，`],
          ['明确责任人和完成时限，', '细化任务清单和时间节点，'],
          ['确保落实到位。', '按季度调度推进情况。'],
        ]),
      };
    case 'low_rate':
    case 'falling': {
      const g = keyGroup(s.id);
      const items: Partial<Record<GroupId, PlanItem>> = {
        study: {
          area: 'study',
          title: '完善干部学法考试制度',
          text: say('study', [
            ['落实领导干部学法清单和年度学法考试制度，', '健全干部学法考法机制，'],
            ['对未参考人员组织补考，', '将考试结果作为干部考核的参考，', '按月通报学法情况，'],
            ['做到应考尽考。', '推动学法考法常态化。'],
          ]),
        },
        governance: {
          area: 'governance',
          title: '提升矛盾纠纷化解质效',
          text: say('mediation', [
            ['加强人民调解员队伍培训，', '充实村（社区）调解力量，'],
            ['完善回访机制，', '推行调解案件评查，', '落实疑难纠纷会商，'],
            ['推动矛盾纠纷实质性化解。', '提高调解成功率和群众满意度。'],
          ]),
        },
        petitions: {
          area: 'petitions',
          title: '推进信访工作法治化',
          text: say('petition.rate', [
            ['落实信访事项到期提醒和督办制度，', '对信访事项实行办理期限台账管理，'],
            ['承办人员提前五个工作日预警，', '每周调度临期事项，', '逾期事项纳入督查，'],
            ['做到依法按期办结。', '确保按期办结。'],
          ]),
        },
        litigation: {
          area: 'litigation',
          title: '落实负责人出庭应诉制度',
          text: say('litigation', [
            ['严格落实行政机关负责人出庭应诉制度，', '落实负责人出庭应诉工作规定，'],
            ['庭审时间提前报主要负责人统筹安排，', '出庭应诉情况纳入年度考核，', '建立出庭应诉预约提醒，'],
            ['做到应出尽出、出庭出声。', '切实提高出庭率。'],
          ]),
        },
        publicity: {
          area: 'publicity',
          title: '加大普法宣传力度',
          text: say('publicity', [
            [`针对${subject || '普法宣传'}减少的情况，`, `扭转${subject || '普法宣传'}下滑的情况，`],
            [
              '制定年度普法计划并按月推进，',
              '落实“谁执法谁普法”责任清单，',
              '把普法活动纳入村（社区）月度工作，',
            ],
            ['保持普法活动常态化开展。', '扩大普法覆盖面。'],
          ]),
        },
        legal: {
          area: 'legal',
          title: '强化合法性审查',
          text: say('legal', [
            ['落实重大行政决策、规范性文件和合同协议合法性审查制度，', '严格执行合法性审查程序，'],
            ['未经审查的不得提交集体讨论，', '充分发挥法律顾问作用，', '建立审查台账，'],
            ['做到应审尽审。', '确保审查全覆盖。'],
          ]),
        },
        disclosure: {
          area: 'disclosure',
          title: '深化政务公开',
          text: say('disclosure', [
            ['梳理主动公开目录，', '完善政务公开工作机制，'],
            ['及时更新政务公开栏和网站，', '规范公开内容和时限，', '加强公开前保密审查，'],
            ['做到应公开尽公开。', '提高公开质量。'],
          ]),
        },
        enforcement: {
          area: 'enforcement',
          title: '加强行政执法',
          text: say('enforcement', [
            [`针对${subject}减少的情况，`, `扭转${subject}下降的情况，`],
            ['制定年度执法检查计划，', '落实执法检查月度安排，', '加强执法力量统筹，'],
            ['做到严格规范公正文明执法。', '确保执法检查常态化。'],
          ]),
        },
      };
      return (
        items[g] ?? {
          area: g,
          title: `加强${groups[g]}工作`,
          text: `针对${subject || groups[g]}方面的不足，完善工作机制，补齐短板弱项。`,
        }
      );
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
  const say = (slot: string, parts: readonly (readonly string[])[]): string =>
    c.compose(`standing.${slot}`, parts);
  return [
    {
      area: 'leadership',
      title: '压实第一责任人职责',
      text: say('leadership', [
        ['党政主要负责人切实履行推进法治建设第一责任人职责，', '党政主要负责人带头履行第一责任人职责，'],
        ['定期听取法治政府建设工作汇报，', '每季度专题研究法治建设，', '把法治建设纳入年度工作要点，'],
        ['研究解决重大问题。', '落实年终述法。'],
      ]),
    },
    {
      area: 'study',
      title: '深入学习贯彻习近平法治思想',
      text: say('study', [
        [
          `把习近平法治思想纳入${c.party}理论学习中心组年度学习计划，`,
          '坚持把习近平法治思想作为中心组学习的重要内容，',
        ],
        ['落实会前学法和领导干部学法清单制度，', '组织年度学法考试，', '开展机关干部集中学法，'],
        ['推动领导干部带头尊法学法守法用法。', '提升干部依法办事能力。'],
      ]),
    },
    {
      area: 'publicity',
      title: '深化普法宣传教育',
      text: say('publicity', [
        [pufa],
        [
          '结合“3·15”“4·15”“12·4”等重要节点开展主题普法活动，',
          '围绕民法典、宪法等开展普法进村入户，',
          '运用村（社区）广播、微信群开展普法，',
        ],
        ['推进“法律明白人”和学法用法示范户培育。', '提高群众法治意识。', '推进法治乡村建设。'],
      ]),
    },
    {
      area: 'legal',
      title: '强化合法性审查',
      text: say('legal', [
        ['落实重大行政决策、规范性文件和合同协议合法性审查制度，', '严格执行合法性审查程序，'],
        ['充分发挥法律顾问作用，', '建立合法性审查台账，', '未经审查的不得提交集体讨论，'],
        ['做到应审尽审。', '防范法律风险。'],
      ]),
    },
  ];
}
