import { docxFixture, xlsxFixture } from './build.ts';
import type { ExpectedRecord, LayoutFixture } from './types.ts';

const EXAM_2024 = '2024年度国家工作人员学法用法考试';

/** One exam_score record: a person's row under an exam named in the title and dated in a line. */
const score = (
  date: string,
  title: string,
  person: string,
  unit: string,
  s: number | null,
  grade: string,
  note?: string,
): ExpectedRecord => ({
  date,
  title,
  ...(note ? { note } : {}),
  data: { person, unit, ...(s === null ? {} : { score: s }), grade },
});

/** 学法培训 (study_session) and 考试成绩 (exam_score) ledgers. */
export const studyFixtures: LayoutFixture[] = [
  xlsxFixture({
    name: '桃源镇2024年领导干部学法记录台账（合并标题、填报行、学习时间/学习内容/参学人数同义表头、学习形式写法各异（中心组学法、观看警示教育片）、日期 2024/1/26、18人 40余 全角４５、参学人数“全体机关干部”需询问、备注列）',
    file: '2024年学法台账.xlsx',
    kind: 'study_session',
    year: 2024,
    tables: [
      {
        sheet: '学法记录',
        title: '桃源镇2024年领导干部学法记录台账',
        lines: ['填报单位：桃源镇党政办        填报时间：2024年12月30日'],
        header: ['序号', '学习时间', '学习形式', '学习内容', '主讲人', '参学人数', '学习的法律法规', '备注'],
        fields: [null, 'date', 'sessionType', 'title', 'lecturer', 'attendees', 'laws', 'note'],
        rows: [
          [1, '2024/1/26', '中心组学法', '习近平法治思想专题学习', '陈志刚', '18人', '宪法', null],
          [2, '2024/3/8', '会前学法', '学习《信访工作条例》', '李敏', 32, '信访工作条例', '党委会会前'],
          [3, '2024/5/17', '法治讲座', '民法典婚姻家庭编解读', '张明（县法律援助中心）', 56, '民法典', null],
          {
            cells: [
              4,
              '2024/7/12',
              '观看警示教育片',
              '观看法治警示教育片《底线》',
              null,
              '全体机关干部',
              null,
              null,
            ],
            ask: [{ column: '参学人数', why: '“全体机关干部”不是人数' }],
          },
          [5, '2024/9/20', '集中学法', '行政复议法专题学习', '刘洋', '40余', '行政复议法', null],
          [
            6,
            '2024/11/29',
            '法治培训',
            '行政执法人员执法能力培训',
            '孙伟（县司法局）',
            '４５',
            '行政处罚法',
            null,
          ],
        ],
      },
    ],
    expected: [
      {
        date: '2024-01-26',
        title: '习近平法治思想专题学习',
        data: { sessionType: 'center_group', lecturer: '陈志刚', attendees: 18, laws: '宪法' },
      },
      {
        date: '2024-03-08',
        title: '学习《信访工作条例》',
        note: '党委会会前',
        data: { sessionType: 'meeting_study', lecturer: '李敏', attendees: 32, laws: '信访工作条例' },
      },
      {
        date: '2024-05-17',
        title: '民法典婚姻家庭编解读',
        data: { sessionType: 'lecture', lecturer: '张明（县法律援助中心）', attendees: 56, laws: '民法典' },
      },
      { date: '2024-07-12', title: '观看法治警示教育片《底线》', data: { sessionType: 'video' } },
      {
        date: '2024-09-20',
        title: '行政复议法专题学习',
        data: { sessionType: 'collective', lecturer: '刘洋', attendees: 40, laws: '行政复议法' },
        approx: ['attendees'],
      },
      {
        date: '2024-11-29',
        title: '行政执法人员执法能力培训',
        data: { sessionType: 'training', lecturer: '孙伟（县司法局）', attendees: 45, laws: '行政处罚法' },
      },
    ],
  }),
  xlsxFixture({
    name: '桃源镇2024年度学法用法考试成绩登记表（每人一行、考试名称只在标题、考试日期只在表头上方的“考试时间”行、单位及职务/考试成绩同义表头、85分、等次“缺考”不属任何选项需询问）',
    file: '2024年学法考试成绩.xlsx',
    kind: 'exam_score',
    year: 2024,
    tables: [
      {
        sheet: '成绩',
        title: `桃源镇${EXAM_2024}成绩登记表`,
        lines: ['考试时间：2024年11月20日        考试形式：闭卷'],
        header: ['序号', '姓名', '单位及职务', '考试成绩', '等次', '备注'],
        fields: [null, 'person', 'unit', 'score', 'grade', 'note'],
        rows: [
          [1, '陈志刚', '镇党委书记', 96, '优秀', null],
          [2, '林慧', '镇长', 93, '优秀', null],
          [3, '黄建平', '镇党委副书记', 88, '合格', null],
          [4, '吴丽娟', '党政办主任', '85分', '合格', null],
          [5, '郑浩', '司法所所长', 98, '优秀', null],
          [6, '何晓东', '综治中心主任', 76, '合格', null],
          {
            cells: [7, '马国强', '农业综合服务中心', null, '缺考', '外出培训'],
            ask: [{ column: '等次', why: '“缺考”不是优秀、合格、不合格之一' }],
          },
          [8, '许文', '应急管理办', 59, '不合格', null],
        ],
      },
    ],
    expected: [
      score('2024-11-20', EXAM_2024, '陈志刚', '镇党委书记', 96, 'excellent'),
      score('2024-11-20', EXAM_2024, '林慧', '镇长', 93, 'excellent'),
      score('2024-11-20', EXAM_2024, '黄建平', '镇党委副书记', 88, 'pass'),
      score('2024-11-20', EXAM_2024, '吴丽娟', '党政办主任', 85, 'pass'),
      score('2024-11-20', EXAM_2024, '郑浩', '司法所所长', 98, 'excellent'),
      score('2024-11-20', EXAM_2024, '何晓东', '综治中心主任', 76, 'pass'),
      score('2024-11-20', EXAM_2024, '马国强', '农业综合服务中心', null, 'fail', '外出培训'),
      score('2024-11-20', EXAM_2024, '许文', '应急管理办', 59, 'fail'),
    ],
  }),
  docxFixture({
    name: '桃源镇2023年法律知识考试成绩汇总表（Word 表格、上一年度、标题与填报单位为段落、两次考试同表、考试日期 2023年6月28日 与 2023.11.24、得分写作“95分”、等级同义表头）',
    file: '2023年度法律知识考试成绩.docx',
    kind: 'exam_score',
    year: 2023,
    tables: [
      {
        sheet: '表1',
        title: '桃源镇2023年法律知识考试成绩汇总表',
        lines: ['填报单位：桃源镇党政办'],
        header: ['考试日期', '考试名称', '姓名', '职务', '得分', '等级'],
        fields: ['date', 'title', 'person', 'unit', 'score', 'grade'],
        rows: [
          ['2023年6月28日', '民法典知识测试', '陈志刚', '党委书记', '95分', '优秀'],
          ['2023年6月28日', '民法典知识测试', '林慧', '镇长', '91分', '优秀'],
          ['2023年6月28日', '民法典知识测试', '郑浩', '司法所所长', '87分', '合格'],
          ['2023.11.24', '年度学法用法考试', '陈志刚', '党委书记', '92分', '优秀'],
          ['2023.11.24', '年度学法用法考试', '林慧', '镇长', '89分', '合格'],
          ['2023.11.24', '年度学法用法考试', '许文', '应急管理办', '58分', '不合格'],
        ],
      },
    ],
    expected: [
      score('2023-06-28', '民法典知识测试', '陈志刚', '党委书记', 95, 'excellent'),
      score('2023-06-28', '民法典知识测试', '林慧', '镇长', 91, 'excellent'),
      score('2023-06-28', '民法典知识测试', '郑浩', '司法所所长', 87, 'pass'),
      score('2023-11-24', '年度学法用法考试', '陈志刚', '党委书记', 92, 'excellent'),
      score('2023-11-24', '年度学法用法考试', '林慧', '镇长', 89, 'pass'),
      score('2023-11-24', '年度学法用法考试', '许文', '应急管理办', 58, 'fail'),
    ],
  }),
];
