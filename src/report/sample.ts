import type { Db } from '../db/connect.ts';
import { systemPrincipal } from '../services/access.ts';
import { actorOf } from '../services/audit.ts';
import { createRecord } from '../services/ledger-writes.ts';
import type { Org } from '../services/orgs.ts';

/**
 * A realistic township year for tests, the render check and the benchmark: a few dozen records
 * across the kinds a report draws on, plus a smaller previous year for year-over-year comparison.
 */

type Row = readonly [
  kind: string,
  date: string,
  title: string,
  data: Record<string, unknown>,
  extra?: { endDate?: string },
];

const y = (year: number, md: string): string => `${year}-${md}`;

export function sampleRows(year: number): Row[] {
  const rows: Row[] = [
    // The principal leaders in office (registry: in office from the date, until an end date).
    ['principal_leader', `${year - 2}-03-01`, '张明', { position: 'secretary' }],
    ['principal_leader', `${year - 1}-09-15`, '李华', { position: 'head' }],
    [
      'leadership_meeting',
      y(year, '02-20'),
      '研究年度法治政府建设工作要点',
      { meetingType: 'party_committee', heardReport: true, chair: '张明' },
    ],
    [
      'leadership_meeting',
      y(year, '06-18'),
      '专题研究行政执法规范化建设',
      { meetingType: 'joint', heardReport: false },
    ],
    [
      'leadership_meeting',
      y(year, '11-25'),
      '听取法治政府建设工作汇报',
      { meetingType: 'government', heardReport: true },
    ],
    [
      'leader_duty',
      y(year, '03-02'),
      '部署“八五”普法中期任务',
      { leader: '张明', position: 'secretary', action: 'deploy' },
    ],
    [
      'leader_duty',
      y(year, '05-10'),
      '协调解决土地征收补偿纠纷',
      { leader: '李华', position: 'head', action: 'coordinate' },
    ],
    [
      'leader_duty',
      y(year, '09-14'),
      '督办信访积案化解',
      { leader: '张明', position: 'secretary', action: 'supervise' },
    ],
    [
      'study_session',
      y(year, '03-15'),
      '学习习近平法治思想',
      { sessionType: 'center_group', attendees: 15, laws: '中华人民共和国宪法' },
    ],
    [
      'study_session',
      y(year, '07-12'),
      '民法典专题学习',
      { sessionType: 'center_group', attendees: 14, laws: '中华人民共和国民法典' },
    ],
    ['study_session', y(year, '04-08'), '行政处罚法培训', { sessionType: 'training', attendees: 60 }],
    ['study_session', y(year, '10-20'), '法律明白人培训', { sessionType: 'training', attendees: 85 }],
    [
      'study_session',
      y(year, '08-05'),
      '会前学法：信访工作条例',
      { sessionType: 'meeting_study', attendees: 20 },
    ],
    ['exam', y(year, '11-10'), '年度学法考试', { required: 6 }],
    [
      'publicity_event',
      y(year, '12-04'),
      '国家宪法日集中宣传',
      {
        publicityDay: 'd1204',
        form: 'street',
        materials: 1200,
        audience: 900,
        consultations: 60,
        banners: 15,
      },
    ],
    [
      'publicity_event',
      y(year, '12-06'),
      '宪法宣传周进校园',
      { publicityDay: 'constitution_week', form: 'school', materials: 500, audience: 620, banners: 4 },
    ],
    [
      'publicity_event',
      y(year, '04-15'),
      '全民国家安全教育日宣传',
      { publicityDay: 'd0415', form: 'street', materials: 800, audience: 400, consultations: 25, banners: 6 },
    ],
    [
      'publicity_event',
      y(year, '06-26'),
      '禁毒宣传进村',
      { publicityDay: 'd0626', form: 'village', materials: 600, audience: 350, banners: 5 },
    ],
    [
      'publicity_event',
      y(year, '09-10'),
      '法律进企业',
      { publicityDay: 'none', form: 'enterprise', materials: 300, audience: 120, consultations: 18 },
    ],
    ['model_household', y(year, '05-01'), '刘大山', { level: 'township' }],
    ['model_household', y(year - 2, '05-01'), '王秀英', { level: 'county' }],
    ['legal_literate', y(year - 1, '03-01'), '陈立新', { mediator: true }],
    ['legal_literate', y(year, '03-01'), '赵春梅', {}],
    ['grid', y(year - 3, '01-01'), '东村第一网格', { households: 320 }],
    ['grid', y(year - 3, '01-01'), '东村第二网格', { households: 280 }],
    ['grid_member', y(year - 1, '02-01'), '孙强', { grid: '东村第一网格', fullTime: true }],
    ['grid_member', y(year - 1, '02-01'), '周丽', { grid: '东村第二网格' }],
    [
      'dispute',
      y(year, '02-11'),
      '宅基地边界纠纷',
      { disputeType: 'land', status: 'resolved', satisfaction: 'satisfied', closedDate: y(year, '02-28') },
    ],
    [
      'dispute',
      y(year, '03-21'),
      '邻里排水纠纷',
      { disputeType: 'neighbour', status: 'resolved', satisfaction: 'satisfied', preLitigation: true },
    ],
    [
      'dispute',
      y(year, '05-06'),
      '山林权属纠纷',
      { disputeType: 'land', status: 'resolved', satisfaction: 'basically' },
    ],
    [
      'dispute',
      y(year, '07-19'),
      '婚姻家庭纠纷',
      { disputeType: 'family', status: 'resolved', satisfaction: 'satisfied' },
    ],
    [
      'dispute',
      y(year, '08-30'),
      '劳务费拖欠纠纷',
      { disputeType: 'labour', status: 'failed', satisfaction: 'dissatisfied' },
    ],
    [
      'dispute',
      y(year, '10-09'),
      '借款纠纷',
      { disputeType: 'debt', status: 'pending', dueDate: y(year, '11-09') },
    ],
    [
      'petition',
      y(year, '03-03'),
      '土地补偿款发放',
      {
        petitionType: 'claim',
        status: 'closed',
        dueDate: y(year, '05-02'),
        closedDate: y(year, '04-20'),
        resolved: true,
      },
    ],
    [
      'petition',
      y(year, '06-12'),
      '道路硬化建议',
      {
        petitionType: 'suggestion',
        status: 'closed',
        dueDate: y(year, '08-11'),
        closedDate: y(year, '08-01'),
        resolved: true,
      },
    ],
    [
      'petition',
      y(year, '09-20'),
      '低保评定异议',
      { petitionType: 'claim', status: 'accepted', dueDate: y(year, '11-19') },
    ],
    [
      'petition_reception',
      y(year, '04-10'),
      '领导接访日',
      { leader: '张明', receptionType: 'scheduled', visitors: 28 },
    ],
    [
      'petition_reception',
      y(year, '10-10'),
      '领导下访',
      { leader: '李华', receptionType: 'down_visit', visitors: 35 },
    ],
    ['enforcement_certificate', y(year - 2, '06-01'), '吴刚', { certType: 'enforcement' }],
    ['enforcement_certificate', y(year - 1, '06-01'), '郑伟', { certType: 'enforcement' }],
    [
      'inspection',
      y(year, '01-20'),
      '烟花爆竹专项检查',
      { area: 'fireworks', problemsFound: 6, problemsRectified: 6 },
    ],
    [
      'inspection',
      y(year, '05-15'),
      '农村宅基地行政检查',
      { area: 'homestead', problemsFound: 9, problemsRectified: 7 },
    ],
    [
      'inspection',
      y(year, '09-08'),
      '电动车违规充电检查',
      { area: 'fire', problemsFound: 4, problemsRectified: 4 },
    ],
    [
      'penalty',
      y(year, '06-01'),
      '违规燃放烟花爆竹',
      { status: 'closed', decidedDate: y(year, '06-20'), fine: 500 },
    ],
    [
      'legal_review',
      y(year, '03-10'),
      '集镇污水管网建设项目合同',
      { reviewType: 'contract', conclusion: 'lawful' },
    ],
    [
      'legal_review',
      y(year, '04-22'),
      '农村人居环境整治实施方案',
      { reviewType: 'decision', conclusion: 'amend' },
    ],
    ['legal_review', y(year, '08-15'), '土地流转协议', { reviewType: 'contract', conclusion: 'lawful' }],
    [
      'legal_opinion',
      y(year, '05-09'),
      '集镇改造项目法律意见',
      { adviser: '何律师', opinionType: 'decision' },
    ],
    [
      'adviser_consultation',
      y(year, '06-30'),
      '一村一法律顾问坐班',
      { adviser: '何律师', channel: 'village', people: 46 },
    ],
    [
      'major_decision',
      y(year, '04-01'),
      '农村人居环境整治三年行动方案',
      { status: 'decided', decidedDate: y(year, '05-20') },
    ],
    ['lawsuit', y(year, '07-01'), '房屋拆除行政诉讼', { status: 'won' }],
    [
      'lawsuit_hearing',
      y(year, '08-20'),
      '（行初）房屋拆除案',
      { leaderRank: 'principal', leaderName: '李华' },
    ],
    ['disclosure_item', y(year, '03-01'), '年度财政预算公开', { channel: 'website' }],
    ['disclosure_item', y(year, '07-01'), '惠民补贴发放公示', { channel: 'board' }],
    ['safety_meeting', y(year, '03-05'), '安全生产暨自然灾害防治专题会议', { attendees: 30 }],
    ['safety_drill', y(year, '05-12'), '防汛应急演练', { drillType: 'flood', participants: 80 }],
  ];
  for (const [p, g] of [
    ['王一', 'excellent'],
    ['王二', 'pass'],
    ['王三', 'pass'],
    ['王四', 'pass'],
    ['王五', 'fail'],
  ] as const) {
    rows.push([
      'exam_score',
      y(year, '11-10'),
      '年度学法考试',
      { person: p, grade: g, score: g === 'fail' ? 52 : 85 },
    ]);
  }
  return rows;
}

/** Last year, lighter: so the draft has year-over-year changes both ways. */
export function previousRows(year: number): Row[] {
  const p = year - 1;
  return [
    [
      'leadership_meeting',
      y(p, '03-01'),
      '研究法治建设工作',
      { meetingType: 'party_committee', heardReport: true },
    ],
    [
      'publicity_event',
      y(p, '12-04'),
      '宪法日宣传',
      { publicityDay: 'd1204', form: 'street', materials: 900, audience: 500 },
    ],
    [
      'publicity_event',
      y(p, '03-15'),
      '消费者权益日宣传',
      { publicityDay: 'd0315', form: 'street', materials: 400 },
    ],
    ['dispute', y(p, '05-01'), '邻里纠纷', { disputeType: 'neighbour', status: 'resolved' }],
    ['dispute', y(p, '06-01'), '土地纠纷', { disputeType: 'land', status: 'resolved' }],
    ['study_session', y(p, '04-01'), '中心组学法', { sessionType: 'center_group', attendees: 12 }],
    ['study_session', y(p, '06-01'), '集中学法', { sessionType: 'collective', attendees: 30 }],
    ['legal_review', y(p, '05-01'), '采购合同', { reviewType: 'contract' }],
    ['legal_review', y(p, '06-01'), '租赁合同', { reviewType: 'contract' }],
    ['legal_review', y(p, '07-01'), '工程合同', { reviewType: 'contract' }],
    ['legal_review', y(p, '08-01'), '服务合同', { reviewType: 'contract' }],
    [
      'commitment',
      y(p + 1, '01-20'),
      '健全法治建设工作台账：落实工作台账制度',
      { targetYear: year, status: 'done', progress: '已建立月度台账报送制度' },
    ],
    [
      'commitment',
      y(p + 1, '01-20'),
      '提升矛盾纠纷化解质效：建立期限预警机制',
      { targetYear: year, status: 'in_progress' },
    ],
    ['commitment', y(p + 1, '01-20'), '打造法治文化长廊', { targetYear: year, status: 'not_done' }],
  ];
}

/** Adds the sample rows (this year and last) to a township's ledger. */
export async function seedSampleYear(h: Db, township: Org, year: number, now: string): Promise<number> {
  const rows = [...previousRows(year), ...sampleRows(year)];
  const p = systemPrincipal('sample');
  for (const [kind, date, title, data, extra] of rows) {
    const draft = { date, title, data, ...(extra ?? {}) };
    await createRecord(h, p, actorOf(p, null), { townshipId: township.id, kind, draft }, now);
  }
  return rows.length;
}
