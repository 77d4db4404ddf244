/**
 * How townships write their own ledgers (台账) in Excel: the words a sheet name or title uses for a
 * kind, the headers they give each column, and the ways they write an option. Data for the import
 * of sheets laid out as townships keep them (src/services/ledger-io/auto-layout.ts); the template's
 * own labels are always understood and are not repeated here. A header is compared after folding
 * full-width forms and removing spaces and a trailing unit in brackets (“发放资料（份）”).
 */

export interface KindWords {
  /** Words in a sheet name or title that name the kind (“普法宣传”, “矛盾纠纷排查”). */
  readonly names: readonly string[];
  /** Other headers of the record's date column. */
  readonly date?: readonly string[];
  /** Other headers of the record's title column. */
  readonly title?: readonly string[];
  /** Other headers of the village/department column. */
  readonly org?: readonly string[];
  /** Other headers of a field's column, by field key. */
  readonly fields?: Readonly<Record<string, readonly string[]>>;
  /** Other ways of writing an option, by field key and option value. */
  readonly options?: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
  /** Headers of columns this kind's ledgers often have that fazhi does not keep (not imported, not asked). */
  readonly notKept?: readonly string[];
}

/** Headers every kind shares: the row number, remarks, and the village or department column. */
export const COMMON_WORDS = {
  seq: ['序号', '编号', '序', 'NO', 'No.', '号'],
  note: ['备注', '说明', '备注说明', '其他'],
  org: [
    '村(社区)',
    '村（社区）',
    '村居',
    '村/社区',
    '村社区',
    '所在村',
    '村组',
    '涉及村(社区)',
    '责任单位',
    '部门',
  ],
  /** Columns of any ledger that fazhi does not keep: phone numbers, ID numbers, who filled it in. */
  notKept: [
    '联系电话',
    '电话',
    '身份证号',
    '身份证号码',
    '填报人',
    '经办人',
    '记录人',
    '签字',
    '签名',
    '职务',
  ],
} as const;

/** Rows that sum the rows above them. */
export const TOTAL_WORDS = ['合计', '小计', '总计', '共计', '累计', '总数'];

/** Lines of a sheet around the table that are not records (填报单位：… 制表人：…). */
export const META_LINE = /^(填报|填表|制表|审核|负责人|联系|报送|单位[(（:：]|统计时间|日期[:：])/;

export const KIND_WORDS: Readonly<Record<string, KindWords>> = {
  publicity_event: {
    names: ['普法宣传', '宣传活动', '法治宣传', '普法活动', '送法下乡', '普法'],
    date: ['时间', '日期', '活动时间', '宣传时间', '开展时间', '宣传日期'],
    title: ['活动名称', '主题', '内容', '活动内容', '宣传主题', '宣传内容', '活动主题名称', '名称'],
    fields: {
      publicityDay: ['宣传节点', '节点', '节日'],
      form: ['形式', '活动形式', '宣传形式', '宣传方式', '方式', '类型'],
      location: ['地点', '活动地点', '宣传地点', '地址', '场所'],
      materials: ['发放宣传资料', '发放资料', '资料数', '宣传资料', '发放材料', '资料', '宣传品', '发放数量'],
      audience: [
        '受众人数',
        '参加人数',
        '覆盖群众',
        '受教育人数',
        '参与人数',
        '受众',
        '覆盖人数',
        '受教育群众',
        '群众人数',
        '参与群众',
        '受益群众',
      ],
      consultations: ['咨询人次', '解答咨询', '现场咨询', '咨询人数', '接受咨询', '法律咨询'],
      banners: ['横幅', '悬挂横幅', '标语', '横幅标语'],
      partners: ['联合单位', '参与单位', '协办单位', '配合单位'],
    },
    options: {
      form: {
        street: [
          '广场宣传',
          '集中宣传',
          '摆摊设点',
          '现场宣传',
          '集市宣传',
          '赶集宣传',
          '设点宣传',
          '摆摊',
          '集市',
          '赶集',
        ],
        village: ['送法下乡', '进村', '进社区', '进村宣传', '进社区宣传', '下乡'],
        door: ['入户', '入户宣传', '走访'],
        school: ['进校园', '校园', '法治课', '法治讲座进校园'],
        enterprise: ['进企业', '企业'],
        online: ['网络', '微信', '公众号', '新媒体', '线上', '抖音'],
        broadcast: ['广播', '大喇叭', '村村响'],
      },
    },
  },
  study_session: {
    names: ['学法', '学法培训', '法治培训', '学习培训', '中心组学法', '会前学法', '干部学法'],
    date: ['时间', '日期', '学习时间', '培训时间', '学习日期'],
    title: ['学习主题', '主题', '学习内容', '培训内容', '内容', '培训主题', '名称'],
    fields: {
      sessionType: ['学习形式', '形式', '类型', '学习类型', '方式', '培训形式'],
      attendees: ['参加人数', '参学人数', '人数', '参训人数', '参会人数', '参加人员数'],
      lecturer: ['主讲人', '授课人', '主讲', '授课老师', '领学人'],
      laws: ['学习法律法规', '法律法规', '学习法规', '学习篇目'],
    },
    options: {
      sessionType: {
        center_group: ['中心组', '中心组学法', '理论学习中心组', '中心组学习'],
        meeting_study: ['会前学法', '会前'],
        collective: ['集中学法', '集中学习', '专题学习'],
        training: ['培训', '法治培训', '专题培训', '培训班'],
        lecture: ['讲座', '法治讲座', '专题讲座'],
        video: ['警示片', '警示教育', '观看警示片', '视频'],
      },
    },
  },
  exam: {
    names: ['学法考试', '考试安排', '法律知识考试'],
    date: ['时间', '考试时间', '日期'],
    title: ['考试名称', '名称', '考试内容'],
    fields: {
      required: ['应参考人数', '应考人数', '应参考'],
      form: ['考试形式', '形式'],
      organizer: ['组织单位'],
    },
  },
  exam_score: {
    names: ['考试成绩', '成绩', '学法考试成绩', '考试情况', '考试登记'],
    date: ['时间', '考试时间', '日期', '考试日期'],
    title: ['考试名称', '考试', '考试项目', '名称'],
    fields: {
      person: ['姓名', '考生', '参考人', '人员'],
      unit: ['单位', '职务', '单位职务', '工作单位', '所在单位', '部门'],
      score: ['成绩', '分数', '得分', '考试成绩'],
      grade: ['等次', '等级', '结果', '是否合格', '考试结果'],
    },
    options: {
      grade: {
        excellent: ['优秀', '优'],
        pass: ['合格', '通过', '及格', '是'],
        fail: ['不合格', '不及格', '未通过', '否'],
      },
    },
  },
  dispute: {
    notKept: ['调解员', '调解人员', '承办人', '调解人'],
    names: ['矛盾纠纷', '纠纷排查', '调处', '调解', '人民调解', '纠纷'],
    date: ['时间', '日期', '登记时间', '受理时间', '排查时间', '受理日期', '发生时间'],
    title: [
      '纠纷事由',
      '事由',
      '纠纷简要情况',
      '简要情况',
      '纠纷内容',
      '主要内容',
      '案由',
      '纠纷情况',
      '基本情况',
    ],
    fields: {
      disputeType: ['纠纷类型', '类型', '纠纷类别', '类别'],
      source: ['来源', '纠纷来源', '排查方式'],
      parties: ['当事人', '双方当事人', '当事人姓名', '申请人'],
      status: ['调处状态', '调处结果', '调解结果', '结果', '处理结果', '是否化解', '办理情况'],
      dueDate: ['办结期限', '期限'],
      closedDate: [
        '办结日期',
        '办结时间',
        '调处时间',
        '化解时间',
        '调解时间',
        '结案时间',
        '结案日期',
        '调结时间',
      ],
      preLitigation: ['诉前调解'],
      satisfaction: ['回访满意度', '满意度', '回访情况', '回访'],
    },
    options: {
      disputeType: {
        neighbour: ['邻里', '相邻', '邻里纠纷', '相邻关系'],
        land: ['土地', '山林', '土地纠纷', '宅基地', '林地', '田土'],
        family: ['婚姻', '家庭', '婚姻家庭', '赡养', '继承'],
        debt: ['债务', '借贷', '欠款', '借款'],
        labour: ['劳资', '工资', '劳动', '欠薪'],
        traffic: ['交通', '交通事故'],
        property: ['物业'],
      },
      status: {
        pending: ['调处中', '正在调处', '未办结', '办理中', '跟踪中', '正在调解', '调解中', '未结'],
        resolved: [
          '调解成功',
          '已化解',
          '化解',
          '成功',
          '已调解',
          '已办结',
          '是',
          '达成调解协议',
          '达成协议',
          '调解协议',
          '已调处',
        ],
        failed: ['调解不成', '未化解', '不成功', '调解失败', '否'],
      },
      source: {
        grid: ['网格', '排查', '网格排查'],
        visit: ['来访', '群众来访'],
        referral: ['交办', '上级交办'],
        platform: ['热线', '12345', '群众说事', '说事', '平台'],
      },
    },
  },
  petition: {
    notKept: ['信访人', '信访人姓名', '来访人', '联系方式', '住址'],
    names: ['信访', '信访事项', '来信来访', '信访件'],
    date: ['时间', '日期', '登记时间', '来访时间', '受理时间', '来信来访时间'],
    title: ['反映事项', '反映问题', '信访事项', '主要诉求', '诉求', '事由', '信访内容', '反映内容'],
    fields: {
      petitionType: ['信访类型', '类型', '类别', '问题类别'],
      form: ['信访形式', '形式', '方式', '来信来访方式'],
      petitioners: ['信访人数', '人数', '来访人数'],
      forwarded: ['上级转送交办', '上级交办', '是否交办', '转送交办'],
      status: ['办理状态', '办理情况', '状态', '办理结果', '是否办结'],
      dueDate: ['办理期限', '期限', '办结时限'],
      closedDate: ['办结日期', '办结时间', '答复时间'],
      resolved: ['已化解', '是否化解', '化解情况', '息访情况'],
      satisfaction: ['群众满意度', '满意度', '评价', '群众评价'],
    },
    options: {
      petitionType: {
        claim: ['申诉', '求决', '申诉求决'],
        suggestion: ['意见', '建议', '意见建议'],
        report: ['检举', '控告', '举报', '检举控告'],
      },
      form: {
        visit: ['来访', '走访'],
        letter: ['来信', '信件'],
        online: ['网上', '网络', '网信'],
        phone: ['电话', '热线', '12345'],
      },
      status: {
        registered: ['登记', '已登记'],
        accepted: ['受理', '已受理', '办理中'],
        not_accepted: ['不予受理'],
        closed: ['办结', '已办结', '已答复'],
      },
    },
  },
  inspection: {
    names: ['执法检查', '安全检查', '检查台账', '巡查', '监督检查', '排查整治'],
    date: ['时间', '日期', '检查时间', '巡查时间', '检查日期'],
    title: ['检查事项', '检查内容', '检查项目', '检查名称', '事项', '内容'],
    fields: {
      area: ['检查领域', '领域', '类别', '检查类别', '检查类型', '类型'],
      target: ['检查对象', '对象', '检查单位', '被检查单位', '检查场所'],
      power: ['行使的权力事项', '权力事项', '执法依据'],
      problemsFound: ['发现问题', '发现隐患', '问题数', '隐患数', '发现问题数', '存在问题'],
      problemsRectified: ['整改到位', '已整改', '整改数', '整改情况', '整改完成', '已整改数'],
      rectifyDeadline: ['整改期限', '整改时限'],
    },
    options: {
      area: {
        safety: ['安全生产', '安全'],
        fireworks: ['烟花爆竹'],
        fire: ['消防', '消防安全'],
        homestead: ['宅基地', '农村宅基地', '建房'],
        environment: ['环保', '生态环境', '环境'],
        food: ['食品', '食品安全'],
        construction: ['违法建设', '违建', '违章建筑'],
      },
    },
  },
  legal_review: {
    notKept: ['送审科室', '送审单位', '承办科室', '提交科室'],
    names: ['合法性审查', '合同审查', '法制审核', '法律审查', '审查台账'],
    date: ['时间', '日期', '受理时间', '送审时间', '提交时间', '送审日期'],
    title: ['审查事项', '事项', '审查内容', '合同名称', '文件名称', '名称', '内容'],
    fields: {
      reviewType: ['审查类型', '类型', '类别', '事项类别'],
      reviewer: ['审查人', '审核人', '法律顾问', '审查律师'],
      conclusion: ['审查结论', '结论', '审查意见', '审查结果', '意见'],
      completedDate: ['完成日期', '完成时间', '审结时间', '出具时间'],
    },
    options: {
      reviewType: {
        decision: ['重大决策', '重大行政决策', '决策'],
        normative: ['规范性文件', '文件'],
        contract: ['合同', '协议', '合同协议'],
      },
      conclusion: {
        lawful: ['合法', '通过', '同意'],
        amend: ['修改后合法', '建议修改', '修改', '修改后'],
        unlawful: ['不合法', '不予通过'],
        pending: ['审查中'],
      },
    },
  },
  leadership_meeting: {
    names: ['专题会议', '法治建设会议', '研究法治', '党委会', '常务会'],
    date: ['时间', '日期', '会议时间', '召开时间'],
    title: ['会议名称', '会议主题', '名称', '主题', '会议内容'],
    fields: {
      meetingType: ['会议类型', '类型', '会议形式', '会议类别'],
      heardReport: [
        '听取法治政府建设工作汇报',
        '听取汇报',
        '是否听取汇报',
        '听取法治建设汇报',
        '是否听取',
        '听取法治建设工作汇报',
      ],
      chair: ['主持人', '主持'],
      attendees: ['参会人数', '人数', '参加人数'],
      topics: ['研究事项', '议题', '研究内容', '会议议题', '主要内容'],
    },
    options: {
      meetingType: {
        party_committee: ['党委会', '党委会议', '党委（扩大）会议', '党工委会'],
        government: ['政府常务会', '常务会', '镇长办公会', '主任办公会'],
        joint: ['党政联席会', '联席会', '党政联席会议'],
        committee: ['依法治镇委员会', '依法治镇委员会会议', '依法治乡委员会会议', '委员会会议'],
      },
    },
  },
  petition_reception: {
    names: ['领导接访', '接访', '接访登记', '下访'],
    date: ['时间', '日期', '接访时间'],
    title: ['接访地点', '地点', '接访主题', '主题'],
    fields: {
      leader: ['接访领导', '领导', '接访领导姓名', '姓名'],
      receptionType: ['接访方式', '方式', '类型'],
      visitors: ['接待人次', '接待群众', '人次', '来访人数', '接待人数'],
    },
    options: {
      receptionType: {
        scheduled: ['接访日', '领导接访日', '定点接访'],
        down_visit: ['下访', '领导下访', '带案下访'],
        platform: ['群众说事', '说事平台', '群众说事点'],
      },
    },
    notKept: ['反映主要问题', '反映问题', '主要问题', '处理情况'],
  },
  adviser_consultation: {
    names: ['法律顾问', '顾问咨询', '法律咨询'],
    date: ['时间', '日期', '咨询时间'],
    title: ['咨询事项', '事项', '咨询内容', '咨询地点'],
    fields: {
      adviser: ['法律顾问', '顾问', '律师'],
      channel: ['方式', '咨询方式', '形式'],
      people: ['人次', '解答人次', '咨询人次', '人数'],
    },
    options: {
      channel: {
        office: ['坐班', '来访', '值班'],
        phone: ['电话'],
        online: ['网络', '微信', '线上'],
        village: ['进村', '下村', '入村'],
      },
    },
  },
  safety_meeting: {
    names: ['安全生产会议', '安全生产专题会'],
    date: ['时间', '会议时间', '日期'],
    title: ['会议名称', '会议主题', '名称'],
    fields: { chair: ['主持人'], attendees: ['参会人数', '人数'] },
  },
  safety_drill: {
    names: ['应急演练', '演练'],
    date: ['时间', '演练时间', '日期'],
    title: ['演练名称', '演练主题', '名称', '内容'],
    fields: { drillType: ['演练类型', '类型'], participants: ['参演人数', '参加人数', '人数'] },
    options: {
      drillType: {
        fire: ['消防', '火灾'],
        flood: ['防汛', '洪水'],
        earthquake: ['地震'],
        geologic: ['地质灾害'],
      },
    },
  },
  disclosure_item: {
    names: ['政务公开', '主动公开', '信息公开'],
    date: ['公开时间', '时间', '日期', '发布日期'],
    title: ['信息标题', '标题', '公开内容', '信息名称', '内容'],
    fields: {
      channel: ['公开渠道', '渠道', '公开方式', '发布平台'],
      category: ['信息类别', '类别'],
      madeDate: ['形成日期', '信息形成日期'],
    },
    options: {
      channel: {
        website: ['网站', '政府网站', '门户网站'],
        board: ['公开栏', '公示栏', '政务公开栏'],
        wechat: ['微信', '公众号'],
      },
    },
  },
};
