import { paras, type AreaWriter } from './area-types.ts';
import { byLargest, optionLabel, topLabels } from './labels.ts';
import { clauses, examples, line, quoted, sentence } from './phrase.ts';
import { publicityPlan } from './plans.ts';
import { studyPlanSentence } from './study-plan.ts';

/** Part 1 writers for leadership, study and publicity: the work on people's knowledge of the law. */

export const leadershipArea: AreaWriter = {
  group: 'leadership',
  keys: ['leadership.meetings', 'leadership.reports_heard'],
  headings: [
    '加强组织领导，压实法治建设责任',
    '坚持党的领导，统筹推进法治建设',
    '健全工作机制，强化组织保障',
  ],
  write(c) {
    const meetings = c.records('leadership_meeting');
    const types = topLabels(meetings, 'meetingType', ['other']).map((t) => c.organLabel(t));
    const topics = examples(
      meetings.map((m) => m.title + c.whose(m)),
      '专题会议',
    );
    const open = c.pick('leadership.open', [
      `${c.self}${c.party}、${c.government}把法治政府建设摆在全局工作的重要位置，`,
      `${c.self}始终坚持党对法治政府建设的领导，`,
      `${c.self}把法治政府建设纳入经济社会发展全局统筹谋划，`,
    ]);
    const close = c.pick('leadership.close', [
      '为法治政府建设提供了坚强组织保障。',
      '推动法治建设各项任务落地见效。',
      '把法治建设要求落实到各项工作之中。',
    ]);
    return paras({
      inlines: line(
        open,
        c.has('leadership.meetings') &&
          line(
            `全年${types.length ? `通过${types.join('、')}等` : ''}专题研究法治建设`,
            c.fig('leadership.meetings'),
            c.yoy('leadership.meetings'),
          ),
        c.has('leadership.reports_heard') &&
          line('，听取法治政府建设工作汇报', c.fig('leadership.reports_heard')),
        topics && `，先后召开${topics}`,
        '，',
        close,
      ),
    });
  },
};

export const studyArea: AreaWriter = {
  group: 'study',
  keys: [
    'study.center_group',
    'study.sessions',
    'study.trainees',
    'study.exam_sessions',
    'study.exam_takers',
  ],
  headings: [
    '抓好学法用法，提升依法行政能力',
    '深化干部学法，增强法治思维',
    '聚焦“关键少数”，推动学法常态化',
  ],
  write(c) {
    const center = c.records('study_session', (r) => r.data.sessionType === 'center_group');
    const laws = center.map((r) => (typeof r.data.laws === 'string' ? r.data.laws : '')).filter(Boolean);
    const learnt =
      laws.length > 0
        ? `《${laws[0]!.replace(/[《》]/g, '')}》`
        : quoted(
            center.map((r) => r.title),
            2,
          );
    const others = c.records('study_session', (r) => r.data.sessionType !== 'center_group');
    const forms = topLabels(others, 'sessionType', ['video']);
    const lead = c.pick('study.lead', [
      ['领导干部带头学法', '组织考试检验成效'],
      ['抓实领导干部学法', '以考促学巩固成效'],
    ] as const);
    const counted = sentence(
      c.has('study.center_group')
        ? line(
            `开展${c.party}理论学习中心组学法`,
            c.fig('study.center_group'),
            c.yoy('study.center_group'),
            learnt && `，重点学习了${learnt}`,
          )
        : null,
      c.has('study.sessions')
        ? line(
            `组织${forms.length ? forms.join('、') : '集中学法和法治培训'}等`,
            c.fig('study.sessions'),
            c.yoy('study.sessions'),
          )
        : null,
      c.has('study.trainees') ? line('累计参学', c.fig('study.trainees')) : null,
    );
    const study = counted.length > 0 ? line(counted, studyPlanSentence(c)) : counted;
    const exam = sentence(
      c.has('study.exam_sessions') ? line('组织学法考试', c.fig('study.exam_sessions')) : null,
      c.has('study.exam_takers') && c.value('study.exam_participation_rate') === null
        ? line('参考', c.fig('study.exam_takers'))
        : null,
      c.value('study.exam_participation_rate') !== null
        ? line(
            '应参考',
            c.part('study.exam_participation_rate', 'den', '人次'),
            '，实际参考',
            c.part('study.exam_participation_rate', 'num', '人次'),
            '，参考率',
            c.fig('study.exam_participation_rate'),
          )
        : null,
      c.value('study.exam_pass_rate') !== null
        ? line('合格率', c.fig('study.exam_pass_rate'), c.yoy('study.exam_pass_rate'))
        : null,
      // A rate of nothing is not an achievement: 优秀率 is printed only when someone excelled.
      c.has('study.exam_excellent_rate') ? line('优秀率', c.fig('study.exam_excellent_rate')) : null,
    );
    if (study.length === 0 || exam.length === 0) return paras({ inlines: line(study, exam) });
    return paras(
      { lead: lead[0], inlines: study },
      {
        lead: lead[1],
        inlines: exam,
      },
    );
  },
};

export const publicityArea: AreaWriter = {
  group: 'publicity',
  keys: ['publicity.events', 'publicity.model_households', 'publicity.legal_literates'],
  headings: [
    '深化普法宣传，营造尊法学法守法用法氛围',
    '创新普法形式，提升群众法治素养',
    '落实普法责任制，推动法治宣传入脑入心',
  ],
  write(c) {
    const plan = publicityPlan(c.year);
    const events = c.records('publicity_event');
    const notable = byLargest(
      events.filter((r) => typeof r.data.publicityDay === 'string' && r.data.publicityDay !== 'none'),
      'audience',
    );
    const days = [
      ...new Set(
        notable
          .map((r) => optionLabel('publicity_event', 'publicityDay', r.data.publicityDay))
          .filter((x): x is string => x !== null && x !== '其他'),
      ),
    ];
    const forms = topLabels(events, 'form', ['other', 'street'], 2);
    const open = plan
      ? c.pick('publicity.open', [
          `深入实施${plan.name}，落实“谁执法谁普法”普法责任制，`,
          `围绕${plan.name}${plan.last ? '收官' : ''}目标任务，`,
        ])
      : '落实“谁执法谁普法”普法责任制，';
    const main = sentence(
      line(
        open.replace(/，$/, ''),
        c.has('publicity.events') &&
          line('，全年开展普法宣传活动', c.fig('publicity.events'), c.yoy('publicity.events')),
      ),
      c.has('publicity.materials') ? line('发放宣传资料', c.fig('publicity.materials')) : null,
      c.has('publicity.banners') ? line('悬挂横幅标语', c.fig('publicity.banners')) : null,
      c.has('publicity.consultations')
        ? line('现场解答群众法律咨询', c.fig('publicity.consultations'))
        : null,
      c.has('publicity.audience') ? line('受教育群众', c.fig('publicity.audience')) : null,
    );
    const nodes =
      days.length > 0
        ? line(
            `抓住${days.slice(0, 3).join('、')}等重要节点，开展${examples(
              notable.map((r) => r.title + c.whose(r)),
              '主题宣传活动',
            )}`,
            forms.length ? `，采取${forms.map((f) => f.split('/')[0]).join('、')}等形式扩大覆盖面` : '',
            '。',
          )
        : [];
    const registry = clauses(
      c.has('publicity.model_households')
        ? line('培育学法用法示范户', c.fig('publicity.model_households'))
        : null,
      c.has('publicity.legal_literates')
        ? line('培养“法律明白人”', c.fig('publicity.legal_literates'))
        : null,
    );
    return paras(
      { inlines: line(main, nodes) },
      { inlines: registry.length ? line(registry, '，打通普法进村入户“最后一公里”。') : [] },
    );
  },
};
