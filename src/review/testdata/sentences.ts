/**
 * Labelled sentences for the figure extractor, written for the test (no real report's text): each
 * wording class the rule table knows and each trap, with the catalogue figures a careful reader
 * takes from the sentence (`other` figures are not listed). `tune` sentences were used while the
 * rules were written; `heldout` ones were written before measuring and are only measured.
 */
export interface LabelledSentence {
  readonly text: string;
  /** The wording class or trap the sentence exercises. */
  readonly kind: string;
  readonly split: 'tune' | 'heldout';
  readonly figures: readonly (readonly [key: string, value: number])[];
}

const s = (
  split: LabelledSentence['split'],
  kind: string,
  text: string,
  ...figures: (readonly [string, number])[]
): LabelledSentence => ({ text, kind, split, figures });

export const sentences: readonly LabelledSentence[] = [
  // Materials: 材料, 小册子, 册, 手册, 折页.
  s('tune', 'materials', '全年发放法治宣传材料3200余份。', ['publicity.materials', 3200]),
  s('tune', 'materials', '向群众发放《民法典》小册子600册。', ['publicity.materials', 600]),
  s(
    'tune',
    'materials',
    '印发普法手册1500本，折页2000份。',
    ['publicity.materials', 1500],
    ['publicity.materials', 2000],
  ),
  s('tune', 'materials', '发放反诈宣传折页4000余份。', ['publicity.materials', 4000]),
  s(
    'tune',
    'materials',
    '全年共发放各类普法宣传品5000余件，宣传单2000张。',
    ['publicity.materials', 5000],
    ['publicity.materials', 2000],
  ),
  s('tune', 'events', '组织开展“法律六进”活动42场次。', ['publicity.events', 42]),
  s(
    'tune',
    'classes',
    '举办领导干部法治讲座2期，培训网格员3期。',
    ['study.sessions', 2],
    ['study.sessions', 3],
  ),
  s('tune', 'center', '镇政府常务会议学法8次。', ['study.center_group', 8]),
  s('tune', 'trap.frequency', '每半年至少召开1次法治建设专题会议。'),
  s('heldout', 'materials', '在集市上分发各类法律材料2600份。', ['publicity.materials', 2600]),
  s('heldout', 'materials', '赠送法律知识小册子800余册。', ['publicity.materials', 800]),
  // Trainees: 覆盖…干部N人, 培训…N人次.
  s('tune', 'trainees', '法治培训覆盖镇村干部320人。', ['study.trainees', 320]),
  s(
    'tune',
    'trainees',
    '举办法治培训5场，培训干部职工460人次。',
    ['study.sessions', 5],
    ['study.trainees', 460],
  ),
  s('heldout', 'trainees', '专题辅导覆盖全镇党员干部180余人。', ['study.trainees', 180]),
  s('heldout', 'trainees', '组织村组干部参加法律知识培训，共计培训520人次。', ['study.trainees', 520]),
  // Study sessions without 学法/培训.
  s('tune', 'study', '开展法治专题学习8次。', ['study.sessions', 8]),
  s('tune', 'study', '组织干部集中学习法律法规12次。', ['study.sessions', 12]),
  s('tune', 'study', '开展案例教学4场。', ['study.sessions', 4]),
  s('tune', 'study', '镇党委会议学习习近平总书记关于法治建设的重要论述6次。', ['study.center_group', 6]),
  s('tune', 'study', '组织机关干部开展理论学习10次。', ['study.sessions', 10]),
  s('tune', 'study', '邀请律师举办专题讲座3场。', ['study.sessions', 3]),
  s('heldout', 'study', '结合主题教育开展集中学习15次。', ['study.sessions', 15]),
  s('heldout', 'study', '组织班子成员学习宪法和民法典9次。', ['study.center_group', 9]),
  s('heldout', 'study', '举办法律知识专题讲座两场。', ['study.sessions', 2]),
  // The 党委's own study is the 中心组's; cadres' study at large is study sessions.
  s('tune', 'center', '将法治思想纳入党委理论学习中心组学习内容，全年开展专题学习5次。', [
    'study.center_group',
    5,
  ]),
  s(
    'tune',
    'center',
    '党委集中学法10次，组织机关干部职工学法培训6次。',
    ['study.center_group', 10],
    ['study.sessions', 6],
  ),
  s(
    'tune',
    'center',
    '开展党委中心组专题学习8次、专题法治学习9次。',
    ['study.center_group', 8],
    ['study.sessions', 9],
  ),
  s('heldout', 'center', '全年班子成员专题学法7次。', ['study.center_group', 7]),
  s('heldout', 'center', '依托理论学习中心组、班子会等载体开展专题学法5次。', ['study.center_group', 5]),
  s('heldout', 'center', '带动全体干部参与学习30次。', ['study.sessions', 30]),
  // Who was trained or examined, and officers certified.
  s(
    'tune',
    'trainees',
    '组织干部开展法治培训6场次，覆盖300余人次。',
    ['study.sessions', 6],
    ['study.trainees', 300],
  ),
  s('tune', 'trainees', '组织12名领导干部完成法治专题培训。', ['study.trainees', 12]),
  s('tune', 'exam', '组织150余名工作人员参加网上普法测试。', ['study.exam_takers', 150]),
  s('tune', 'certified', '开展执法资格培训，25名执法人员全部取得执法证。', [
    'enforcement.certified_officers',
    25,
  ]),
  s('heldout', 'trainees', '实现全镇60名公职人员学法全覆盖。', ['study.trainees', 60]),
  s('heldout', 'exam', '组织80名干部参加年度学法考试。', ['study.exam_takers', 80]),
  // Court hearings attended, training classes in 期.
  s('tune', 'court', '组织镇村干部旁听庭审一次。', ['study.sessions', 1]),
  s('tune', 'classes', '举办法治专题培训班四期。', ['study.sessions', 4]),
  s('heldout', 'court', '组织执法人员旁听庭审2次。', ['study.sessions', 2]),
  s('heldout', 'classes', '举办村（社区）干部法治培训班3期。', ['study.sessions', 3]),
  // Publicity events.
  s('tune', 'events', '开展集中宣传16场。', ['publicity.events', 16]),
  s('tune', 'events', '开展法律进校园活动6次。', ['publicity.events', 6]),
  s('tune', 'events', '开展法律进村、进社区12次。', ['publicity.events', 12]),
  s('tune', 'events', '组织法治流动课堂9次。', ['publicity.events', 9]),
  s('tune', 'events', '开展法律服务20余次。', ['publicity.events', 20]),
  s(
    'tune',
    'events',
    '全年开展普法宣传活动28次，其中宣讲活动3次。',
    ['publicity.events', 28],
    ['publicity.events', 3],
  ),
  s('heldout', 'events', '利用赶集日开展主题宣传11场。', ['publicity.events', 11]),
  s('heldout', 'events', '组织法律知识进企业8次。', ['publicity.events', 8]),
  s('heldout', 'events', '开展送法下乡活动十五次。', ['publicity.events', 15]),
  s('heldout', 'events', '组织巡回宣传7场。', ['publicity.events', 7]),
  s(
    'tune',
    'events',
    '通过举办法治讲座5次、悬挂宣传横幅10条，扩大普法影响。',
    ['publicity.events', 5],
    ['publicity.banners', 10],
  ),
  s(
    'heldout',
    'events',
    '在村广场开展普法课堂6次，张贴标语30条。',
    ['publicity.events', 6],
    ['publicity.banners', 30],
  ),
  s(
    'tune',
    'audience',
    '开展银发普法专场2场，覆盖特殊群体200余人次。',
    ['publicity.events', 2],
    ['publicity.audience', 200],
  ),
  // Leadership meetings on the rule of law.
  s('tune', 'meetings', '镇党委召开专题会议3次研究法治政府建设工作。', ['leadership.meetings', 3]),
  s('tune', 'meetings', '全年召开党委会议专题研究依法治镇工作4次。', ['leadership.meetings', 4]),
  s('heldout', 'meetings', '召开法治建设专题会议2次。', ['leadership.meetings', 2]),
  s('tune', 'meetings', '将法治政府建设纳入重点工作，召开专题部署会议3次。', ['leadership.meetings', 3]),
  s('heldout', 'meetings', '召开安全生产专题会议6次。', ['safety.meetings', 6]),
  // Contracts reviewed.
  s('tune', 'contracts', '法律顾问开展合同审核15次。', ['legal.contracts_reviewed', 15]),
  s('tune', 'contracts', '审核各类合同协议21份。', ['legal.contracts_reviewed', 21]),
  s('heldout', 'contracts', '完成合同审查38份。', ['legal.contracts_reviewed', 38]),
  // Disputes mediated.
  s(
    'tune',
    'disputes',
    '全年排查矛盾纠纷56件，调处54件。',
    ['disputes.found', 56],
    ['disputes.resolved', 54],
  ),
  s('tune', 'disputes', '调处各类矛盾纠纷132件。', ['disputes.resolved', 132]),
  s('heldout', 'disputes', '受理矛盾纠纷48起，调处46起。', ['disputes.found', 48], ['disputes.resolved', 46]),
  s(
    'tune',
    'consultations',
    '为赶集群众解答法律问题36件次，现场解答18人次。',
    ['publicity.consultations', 36],
    ['publicity.consultations', 18],
  ),
  s('tune', 'audience', '线上线下普法触达群众5万人次。', ['publicity.audience', 50000]),
  // Audience.
  s('tune', 'audience', '活动覆盖居民3万余人次。', ['publicity.audience', 30000]),
  s('heldout', 'audience', '覆盖村民8000余人。', ['publicity.audience', 8000]),
  s('heldout', 'audience', '受教育群众1.2万人次。', ['publicity.audience', 12000]),
  // Rates written in words.
  s('tune', 'rates', '化解率达到百分之九十八。', ['disputes.resolution_rate', 98]),
  s('tune', 'rates', '行政机关负责人出庭率为百分之百。', ['litigation.leader_appearance_rate', 100]),
  s(
    'heldout',
    'rates',
    '参考率、合格率均为百分之百。',
    ['study.exam_participation_rate', 100],
    ['study.exam_pass_rate', 100],
  ),
  s('heldout', 'rates', '矛盾纠纷化解率为百分之九十六点五。', ['disputes.resolution_rate', 96.5]),
  // Traps: rule counts.
  s('tune', 'trap.rule', '严格落实重大行政决策5项必经程序。'),
  s('tune', 'trap.rule', '全面推行行政执法三项制度。'),
  s('tune', 'trap.rule', '推行“四个一”工作机制。'),
  s('heldout', 'trap.rule', '严格执行重大决策五项法定程序，全年作出重大行政决策2项。', [
    'decisions.major',
    2,
  ]),
  s('heldout', 'trap.rule', '落实行政执法3项制度。'),
  // Not a target: a requirement followed, then the year's count.
  s('tune', 'trap.target', '按要求开展普法宣传活动30场。', ['publicity.events', 30]),
  s('tune', 'trap.target', '根据上级要求，组织集中学法8次。', ['study.sessions', 8]),
  // Traps: frequencies.
  s('tune', 'trap.frequency', '坚持每两月1次集中学法。'),
  s('tune', 'trap.frequency', '党委理论学习中心组每季度至少1次专题学法。'),
  s('tune', 'trap.frequency', '法律顾问每月1次到镇坐班。'),
  s('heldout', 'trap.frequency', '落实每月至少开展1次普法宣传的要求。'),
  s('heldout', 'trap.frequency', '网格员入户走访1次/月。'),
  // Traps: targets and quotas.
  s('tune', 'trap.target', '力争矛盾纠纷化解率达到98%以上。'),
  s('tune', 'trap.target', '确保参考率不低于95%。'),
  s('tune', 'trap.target', '要求每名干部全年学法不低于40学时，参训率不低于90%。'),
  s('heldout', 'trap.target', '力争开展普法宣传活动30场以上。'),
  s('heldout', 'trap.target', '调解成功率不低于百分之九十五。'),
  // A second batch in the words reports use for the whole range of indicators.
  s(
    'heldout',
    'mixed',
    '依托新时代文明实践站开展法治宣传活动36场，受众4500余人。',
    ['publicity.events', 36],
    ['publicity.audience', 4500],
  ),
  s('heldout', 'mixed', '全年印发《法律明白人手册》等宣传材料1.2万份。', ['publicity.materials', 12000]),
  s(
    'heldout',
    'mixed',
    '组织党委理论学习中心组学法5次，机关干部集中学法10次。',
    ['study.center_group', 5],
    ['study.sessions', 10],
  ),
  s(
    'heldout',
    'mixed',
    '开展法治教育培训8期，参训干部600余人次。',
    ['study.sessions', 8],
    ['study.trainees', 600],
  ),
  s(
    'heldout',
    'mixed',
    '全年受理各类矛盾纠纷97件，成功调解95件，调解成功率97.9%。',
    ['disputes.found', 97],
    ['disputes.resolved', 95],
    ['disputes.resolution_rate', 97.9],
  ),
  s(
    'heldout',
    'mixed',
    '法律顾问审查各类合同协议46份，出具法律意见书12份。',
    ['legal.contracts_reviewed', 46],
    ['legal.opinions', 12],
  ),
  s('heldout', 'mixed', '召开党委会专题研究法治建设工作3次。', ['leadership.meetings', 3]),
  s('heldout', 'mixed', '听取法治政府建设工作汇报2次。', ['leadership.reports_heard', 2]),
  s('heldout', 'mixed', '依法作出重大行政决策3项，均履行法定程序。', ['decisions.major', 3]),
  s(
    'heldout',
    'mixed',
    '开展综合行政执法检查65次，发现问题42个，已整改40个。',
    ['enforcement.inspections', 65],
    ['enforcement.problems_found', 42],
    ['enforcement.problems_rectified', 40],
  ),
  s(
    'heldout',
    'mixed',
    '全年行政诉讼案件1件，行政机关负责人出庭应诉率达百分之百。',
    ['litigation.cases', 1],
    ['litigation.leader_appearance_rate', 100],
  ),
  s('heldout', 'mixed', '主动公开政府信息320条。', ['disclosure.items', 320]),
  s('heldout', 'mixed', '组织开展宪法宣传周系列活动，设置咨询台6个，解答群众法律咨询240人次。', [
    'publicity.consultations',
    240,
  ]),
  s('heldout', 'mixed', '深入开展“法律进乡村”活动11场。', ['publicity.events', 11]),
  s(
    'heldout',
    'mixed',
    '培育学法用法示范户25户，法律明白人48名。',
    ['publicity.model_households', 25],
    ['publicity.legal_literates', 48],
  ),
  s('heldout', 'trap.rule', '严格落实“三重一大”集体决策制度。'),
  s('tune', 'trap.frequency', '每月开展1次集中学法，全年共12次。', ['study.sessions', 12]),
  s('heldout', 'trap.target', '力争2025年法律明白人达到每村5名。'),
  s('heldout', 'mixed', '划分网格56个，配备专兼职网格员112名。', ['grid.grids', 56], ['grid.members', 112]),
  s('tune', 'mixed', '组织100余名干部旁听庭审3次。', ['study.sessions', 3], ['study.trainees', 100]),
  // A third batch, worded further from the rule table's examples.
  s('heldout', 'mixed', '镇村两级开展“宪法宣传周”“民法典宣传月”等主题活动共计23场次。', [
    'publicity.events',
    23,
  ]),
  s(
    'tune',
    'mixed',
    '制作普法展板40块，发放宣传折页、口袋书6000余份。',
    ['publicity.banners', 40],
    ['publicity.materials', 6000],
  ),
  s(
    'heldout',
    'mixed',
    '组织全体干部参加网上学法考试，参考人数达到95人，参考率100%，合格率98.9%。',
    ['study.exam_takers', 95],
    ['study.exam_participation_rate', 100],
    ['study.exam_pass_rate', 98.9],
  ),
  s(
    'heldout',
    'mixed',
    '镇党委中心组围绕习近平法治思想开展集体学习4次，班子成员讲法治课5次。',
    ['study.center_group', 4],
    ['study.sessions', 5],
  ),
  s('heldout', 'mixed', '乡党委书记主持召开依法治乡委员会会议2次。', ['leadership.meetings', 2]),
  s('heldout', 'mixed', '对镇政府拟出台的3件规范性文件开展合法性审查，审查率100%。', ['legal.reviews', 3]),
  s(
    'heldout',
    'mixed',
    '全年调处各类矛盾纠纷68件，调处成功率100%。',
    ['disputes.resolved', 68],
    ['disputes.resolution_rate', 100],
  ),
  s('heldout', 'mixed', '诉前调解案件14件。', ['disputes.pre_litigation', 14]),
  s(
    'heldout',
    'mixed',
    '开展安全生产执法检查120余次，下达整改通知书35份，整改隐患98处。',
    ['enforcement.inspections', 120],
    ['enforcement.problems_rectified', 98],
  ),
  s('heldout', 'mixed', '办理行政处罚案件9件。', ['enforcement.penalties', 9]),
  s('heldout', 'mixed', '组织开展应急演练6次。', ['safety.drills', 6]),
  s(
    'tune',
    'mixed',
    '举办“法治夜校”8期，培训村民400余人次。',
    ['publicity.events', 8],
    ['publicity.audience', 400],
  ),
  s('heldout', 'mixed', '依法受理政府信息公开申请5件，均按期答复。', ['disclosure.requests', 5]),
  s('heldout', 'trap.count', '全镇21个村（社区）均配备法律顾问，实现全覆盖。'),
  s('heldout', 'trap.rule', '严格落实重大行政决策程序规定，按照“五个环节”要求作出决策。'),
  s('tune', 'trap.frequency', '每季度召开1次法治建设工作推进会，全年共召开4次。', ['leadership.meetings', 4]),
  s('heldout', 'trap.target', '确保矛盾纠纷化解率达到百分之九十五以上。'),
  s(
    'heldout',
    'mixed',
    '全年组织执法人员培训3次，参训人员150人次。',
    ['study.sessions', 3],
    ['study.trainees', 150],
  ),
  s('heldout', 'mixed', '村级法律顾问为群众提供法律咨询860人次。', ['legal.consultations', 860]),
  s(
    'tune',
    'mixed',
    '开展法治文艺演出12场，观众达5000余人次。',
    ['publicity.events', 12],
    ['publicity.audience', 5000],
  ),
  // A fourth batch, from wording met in published township reports (written anew, not copied).
  // Text with ASCII commas, as web pages give it: the clause ends at each, and the 中心组 clause
  // does not run into the next figure.
  s(
    'tune',
    'ascii',
    '镇党委把学习法治思想列入理论学习中心组学习内容,全年开展专题学习9次,组织11名中层干部完成法治培训。',
    ['study.center_group', 9],
    ['study.trainees', 11],
  ),
  s('tune', 'reviews', '全年审查以街道办事处名义发出的各类文件620余件。', ['legal.reviews', 620]),
  s(
    'tune',
    'penalties',
    '全年立案查处违法行为57件，其中适用简易程序40件。',
    ['enforcement.penalties', 57],
    ['enforcement.penalties', 40],
  ),
  // 按期办结率 of enforcement cases is no petitions figure; an exam's 参与率 is its participation.
  s('tune', 'rates', '立案查处案件全部按期办结，按期办结率100%，案卷公示率96.5%。'),
  s(
    'tune',
    'rates',
    '组织全体干部参加年度学法考试,参与率100%,合格率98%。',
    ['study.exam_participation_rate', 100],
    ['study.exam_pass_rate', 98],
  ),
  s('tune', 'rates', '法律顾问审核合同协议42份，审核通过率100%。', ['legal.contracts_reviewed', 42]),
  s(
    'tune',
    'disclosure',
    '主动公开各类政务信息230条，办理依申请公开事项3项。',
    ['disclosure.items', 230],
    ['disclosure.requests', 3],
  ),
  s('tune', 'classes', '司法所干部、驻村律师到各村为群众上法治课8场次。', ['publicity.events', 8]),
  s(
    'tune',
    'traditional',
    '全年主動公開政務信息96條，依申請公開2件。',
    ['disclosure.items', 96],
    ['disclosure.requests', 2],
  ),
  // A fourth batch, for the wording of a second set of published openings.
  s('tune', 'center', '全年组织党工委中心组学习9期。', ['study.center_group', 9]),
  s(
    'tune',
    'trainees',
    '开展村干部法律培训3次，受训人数达180余人次。',
    ['study.sessions', 3],
    ['study.trainees', 180],
  ),
  s(
    'tune',
    'opinions',
    '法律顾问审核合同26份，出具审查意见书19份。',
    ['legal.contracts_reviewed', 26],
    ['legal.opinions', 19],
  ),
  s('tune', 'decisions', '编制年度重大行政决策事项目录，将镇区道路改造等3项事项纳入目录管理。', [
    'decisions.major',
    3,
  ]),
  // A fifth batch, for the wording of a fourth set of published openings: who joined a study or a talk.
  s(
    'tune',
    'trainees',
    '组织专题学法6次、法治讲座3场，参与学习人数300余人次。',
    ['study.sessions', 6],
    ['study.sessions', 3],
    ['study.trainees', 300],
  ),
  s(
    'tune',
    'audience',
    '开展“法律八进”主题宣讲活动12场，累计参与学习800人次。',
    ['publicity.events', 12],
    ['publicity.audience', 800],
  ),
  // Baseline wording the table knew before: must keep working.
  s(
    'heldout',
    'baseline',
    '累计排查矛盾纠纷219件，化解216件，化解率为98.6%。',
    ['disputes.found', 219],
    ['disputes.resolved', 216],
    ['disputes.resolution_rate', 98.6],
  ),
  s(
    'heldout',
    'baseline',
    '悬挂横幅40条，培育法律明白人58名。',
    ['publicity.banners', 40],
    ['publicity.legal_literates', 58],
  ),
];
