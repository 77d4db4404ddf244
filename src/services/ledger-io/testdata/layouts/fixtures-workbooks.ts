import { onSheet, xlsxFixture } from './build.ts';
import type { LayoutFixture } from './types.ts';

/** A workbook with a sheet per kind, and an older year's plain sheet. */
export const workbookFixtures: LayoutFixture[] = [
  xlsxFixture({
    name: '桃源镇2024年法治建设工作台账汇编（一个工作簿每类一张表：学法用法/普法宣传/矛盾纠纷/信访/法律顾问，表名即类型、无标题表头在第1行、ISO日期、150余、调处状态写作已化解、咨询方式写作进村服务）',
    file: '桃源镇2024年法治建设工作台账汇编.xlsx',
    kind: 'study_session',
    sheets: [
      { sheet: '学法用法', kind: 'study_session' },
      { sheet: '普法宣传', kind: 'publicity_event' },
      { sheet: '矛盾纠纷', kind: 'dispute' },
      { sheet: '信访', kind: 'petition' },
      { sheet: '法律顾问', kind: 'adviser_consultation' },
    ],
    year: 2024,
    tables: [
      {
        sheet: '学法用法',
        header: ['日期', '学习内容', '形式', '参加人数'],
        fields: ['date', 'title', 'sessionType', 'attendees'],
        rows: [
          ['2024-02-23', '新修订《行政复议法》解读', '会前学法', 12],
          ['2024-08-16', '安全生产法专题学习', '集中学法', 35],
        ],
      },
      {
        sheet: '普法宣传',
        header: ['日期', '活动主题', '地点', '形式', '资料(份)', '人数'],
        fields: ['date', 'title', 'location', 'form', 'materials', 'audience'],
        rows: [
          ['2024-03-15', '消费者权益保护宣传', '桃源集市', '集中宣传', 300, 500],
          ['2024-05-10', '民法典进村入户', '桃源村', '入户宣传', 120, '150余'],
        ],
      },
      {
        sheet: '矛盾纠纷',
        header: ['登记日期', '纠纷事由', '类型', '当事人', '调处状态'],
        fields: ['date', 'title', 'disputeType', 'parties', 'status'],
        rows: [
          ['2024-04-03', '相邻通行纠纷', '邻里纠纷', '宋某、唐某', '已化解'],
          ['2024-09-27', '土地承包经营权纠纷', '土地纠纷', '许某、韩某', '调处中'],
        ],
      },
      {
        sheet: '信访',
        header: ['登记日期', '反映事项', '类型', '形式', '状态'],
        fields: ['date', 'title', 'petitionType', 'form', 'status'],
        rows: [
          ['2024-05-21', '反映自来水供水不稳定', '申诉求决', '来访', '已办结'],
          ['2024-10-08', '建议增设公交站点', '意见建议', '网上信访', '已受理'],
        ],
      },
      {
        sheet: '法律顾问',
        header: ['日期', '咨询事项', '法律顾问', '方式', '人次'],
        fields: ['date', 'title', 'adviser', 'channel', 'people'],
        rows: [
          ['2024-06-14', '桃源村法律服务日', '周敏', '进村服务', 23],
          ['2024-11-22', '企业用工合同咨询', '周敏', '电话', 3],
        ],
      },
    ],
    expected: [
      ...onSheet('学法用法', [
        {
          date: '2024-02-23',
          title: '新修订《行政复议法》解读',
          data: { sessionType: 'meeting_study', attendees: 12 },
        },
        {
          date: '2024-08-16',
          title: '安全生产法专题学习',
          data: { sessionType: 'collective', attendees: 35 },
        },
      ]),
      ...onSheet('普法宣传', [
        {
          date: '2024-03-15',
          title: '消费者权益保护宣传',
          data: { location: '桃源集市', form: 'street', materials: 300, audience: 500 },
        },
        {
          date: '2024-05-10',
          title: '民法典进村入户',
          data: { location: '桃源村', form: 'door', materials: 120, audience: 150 },
          approx: ['audience'],
        },
      ]),
      ...onSheet('矛盾纠纷', [
        {
          date: '2024-04-03',
          title: '相邻通行纠纷',
          data: { disputeType: 'neighbour', parties: '宋某、唐某', status: 'resolved' },
        },
        {
          date: '2024-09-27',
          title: '土地承包经营权纠纷',
          data: { disputeType: 'land', parties: '许某、韩某', status: 'pending' },
        },
      ]),
      ...onSheet('信访', [
        {
          date: '2024-05-21',
          title: '反映自来水供水不稳定',
          data: { petitionType: 'claim', form: 'visit', status: 'closed' },
        },
        {
          date: '2024-10-08',
          title: '建议增设公交站点',
          data: { petitionType: 'suggestion', form: 'online', status: 'accepted' },
        },
      ]),
      ...onSheet('法律顾问', [
        {
          date: '2024-06-14',
          title: '桃源村法律服务日',
          data: { adviser: '周敏', channel: 'village', people: 23 },
        },
        {
          date: '2024-11-22',
          title: '企业用工合同咨询',
          data: { adviser: '周敏', channel: 'phone', people: 3 },
        },
      ]),
    ],
  }),
  xlsxFixture({
    name: '青石乡2022年会前学法记录（两年前的台账、标题后空行、日期写作 20220311 / 2022-5-6 / 2022/8/19、形式/人数/主讲同义表头、30多人、学习形式写作党委会会前学法/专题讲座/警示教育）',
    file: '青石乡2022年会前学法记录.xlsx',
    kind: 'study_session',
    year: 2022,
    tables: [
      {
        sheet: '学法记录',
        title: '青石乡2022年会前学法记录表',
        blankBeforeHeader: true,
        header: ['日期', '学习主题', '形式', '人数', '主讲'],
        fields: ['date', 'title', 'sessionType', 'attendees', 'lecturer'],
        rows: [
          ['20220311', '学习《中华人民共和国土地管理法实施条例》', '党委会会前学法', 11, '乡长'],
          ['2022-5-6', '《中华人民共和国安全生产法》解读', '专题讲座', '30多人', '县应急局干部'],
          ['2022/8/19', '观看《警钟长鸣》警示片', '警示教育', 26, null],
        ],
      },
    ],
    expected: [
      {
        date: '2022-03-11',
        title: '学习《中华人民共和国土地管理法实施条例》',
        data: { sessionType: 'meeting_study', attendees: 11, lecturer: '乡长' },
      },
      {
        date: '2022-05-06',
        title: '《中华人民共和国安全生产法》解读',
        data: { sessionType: 'lecture', attendees: 30, lecturer: '县应急局干部' },
        approx: ['attendees'],
      },
      { date: '2022-08-19', title: '观看《警钟长鸣》警示片', data: { sessionType: 'video', attendees: 26 } },
    ],
  }),
];
