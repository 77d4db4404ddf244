import { paras, type AreaWriter } from './area-types.ts';
import type { ReportContext } from './context.ts';
import { topLabels } from './labels.ts';
import { examples, line, placeholder, sentence } from './phrase.ts';
import type { Inline } from './types.ts';

/** Part 1 writers for administration by law: enforcement, review, decisions, court, disclosure, safety. */

export const enforcementArea: AreaWriter = {
  group: 'enforcement',
  keys: ['enforcement.certified_officers', 'enforcement.inspections', 'enforcement.penalties'],
  headings: ['严格规范公正文明执法', '规范行政执法行为，提升执法质效', '加强执法队伍建设，推进严格规范执法'],
  write(c) {
    const areas = topLabels(c.records('inspection'), 'area', ['other'], 3);
    const officers = c.has('enforcement.certified_officers')
      ? line(
          c.pick('enforcement.officers', ['现有持证执法人员', '全面落实持证上岗制度，现有持证执法人员']),
          c.fig('enforcement.certified_officers'),
          '。',
        )
      : [];
    const checks = sentence(
      c.has('enforcement.inspections')
        ? line(
            `开展${areas.length ? areas.join('、') + '等' : ''}执法检查`,
            c.fig('enforcement.inspections'),
            c.yoy('enforcement.inspections'),
          )
        : null,
      c.has('enforcement.problems_found') ? line('发现问题', c.fig('enforcement.problems_found')) : null,
      c.has('enforcement.problems_rectified')
        ? line('督促整改到位', c.fig('enforcement.problems_rectified'))
        : null,
      c.has('enforcement.penalties') ? line('依法作出行政处罚', c.fig('enforcement.penalties')) : null,
    );
    return paras({ inlines: line(officers, checks) }, { inlines: powerList(c) });
  },
};

/** 权力清单 categories in the order a report lists them, with the indicator counting each. */
const POWER_KEYS: readonly (readonly [key: string, label: string])[] = [
  ['powers.penalty', '行政处罚'],
  ['powers.licensing', '行政许可'],
  ['powers.enforcement_measures', '行政强制'],
  ['powers.inspection', '行政检查'],
  ['powers.confirmation', '行政确认'],
  ['powers.payment', '行政给付'],
  ['powers.reward', '行政奖励'],
  ['powers.adjudication', '行政裁决'],
  ['powers.other', '其他行政权力'],
];

/** “梳理形成权力清单N项，其中行政处罚A项、…，县级赋权C项。”, or a placeholder without a list. */
function powerList(c: ReportContext): Inline[] {
  if (!c.has('powers.total'))
    return line(placeholder(`${c.year}年度权力清单、责任清单梳理和公布情况（台账中没有权力清单）`));
  const parts = POWER_KEYS.filter(([k]) => c.has(k)).map(([k, label], i) =>
    line(i > 0 ? '、' : '', label, c.fig(k)),
  );
  return line(
    c.inputs.org.kind === 'county'
      ? '各乡镇（街道）梳理形成权力清单共'
      : c.pick('enforcement.powers', ['梳理形成权力清单', '全面梳理本级权力事项，形成权力清单']),
    c.fig('powers.total'),
    parts.length > 0 ? line('，其中', ...parts) : null,
    c.has('powers.delegated') ? line('，县级赋权', c.fig('powers.delegated')) : null,
    '，明确责任科室和责任事项，做到权责一致。',
  );
}

export const legalArea: AreaWriter = {
  group: 'legal',
  keys: ['legal.reviews', 'legal.opinions', 'legal.consultations'],
  headings: ['发挥法律顾问作用，强化合法性审查', '落实法律顾问制度，做到应审尽审'],
  write(c) {
    const reviews = c.records('legal_review');
    const types = topLabels(reviews, 'reviewType', ['other'], 3);
    // The kinds named are not all that was reviewed (合同协议, and others): 等 says so, so the
    // contracts given after as a part (其中审查合同15份) do not contradict the total.
    const more = new Set(reviews.map((r) => r.data.reviewType)).size > types.length;
    return paras({
      inlines: line(
        c.pick('legal.open', ['坚持法律顾问参与重大事项研究，', '把合法性审查作为决策和发文的必经环节，']),
        sentence(
          c.has('legal.reviews')
            ? line(
                `对${types.length ? `${types.join('、')}${more ? '等' : ''}` : '涉法事项'}开展合法性审查`,
                c.fig('legal.reviews'),
                c.yoy('legal.reviews'),
              )
            : null,
          c.has('legal.contracts_reviewed') ? line('其中审查合同', c.fig('legal.contracts_reviewed')) : null,
          c.has('legal.opinions') ? line('法律顾问出具法律意见', c.fig('legal.opinions')) : null,
          c.has('legal.consultations') ? line('为群众解答法律咨询', c.fig('legal.consultations')) : null,
        ),
      ),
    });
  },
};

export const decisionsArea: AreaWriter = {
  group: 'decisions',
  keys: ['decisions.major'],
  headings: ['坚持依法科学民主决策', '严格落实重大行政决策程序'],
  write(c) {
    const decided = c.records(
      'major_decision',
      (r) => r.data.status === 'decided' || r.data.status === 'published',
    );
    const titles = examples(
      decided.map((r) => r.title + c.whose(r)),
      '事项',
      2,
    );
    return paras({
      inlines: line(
        '对照《重大行政决策程序暂行条例》，',
        sentence(
          line('全年经集体讨论决定重大行政决策', c.fig('decisions.major'), titles && `，包括${titles}`),
        ),
      ),
    });
  },
};

export const litigationArea: AreaWriter = {
  group: 'litigation',
  keys: ['litigation.cases', 'litigation.leader_appearance_rate'],
  headings: ['积极规范行政应诉', '落实行政机关负责人出庭应诉制度'],
  write(c) {
    return paras({
      inlines: sentence(
        c.has('litigation.cases') ? line('全年办理行政应诉案件', c.fig('litigation.cases')) : null,
        // 出庭率 is per hearing, not per case: the hearings and appearances are printed beside it.
        c.value('litigation.leader_appearance_rate') !== null
          ? line(
              '开庭审理',
              c.part('litigation.leader_appearance_rate', 'den', '次'),
              '，行政机关负责人出庭',
              c.part('litigation.leader_appearance_rate', 'num', '次'),
              '，出庭率',
              c.fig('litigation.leader_appearance_rate'),
            )
          : null,
      ),
    });
  },
};

export const disclosureArea: AreaWriter = {
  group: 'disclosure',
  keys: ['disclosure.items', 'disclosure.requests'],
  headings: ['深化政务公开，保障群众知情权', '推进政务公开标准化规范化'],
  write(c) {
    return paras({
      inlines: sentence(
        c.has('disclosure.items')
          ? line(
              '通过政府网站、政务公开栏等渠道主动公开政府信息',
              c.fig('disclosure.items'),
              c.yoy('disclosure.items'),
            )
          : null,
        c.has('disclosure.requests') ? line('依法办理政府信息公开申请', c.fig('disclosure.requests')) : null,
      ),
    });
  },
};

export const safetyArea: AreaWriter = {
  group: 'safety',
  keys: ['safety.meetings', 'safety.drills'],
  headings: ['严守安全底线，依法抓好安全生产', '压实安全生产责任，提升应急处置能力'],
  write(c) {
    const drills = topLabels(c.records('safety_drill'), 'drillType', ['other'], 3);
    return paras({
      inlines: sentence(
        c.has('safety.meetings')
          ? line('召开安全生产专题会议', c.fig('safety.meetings'), '，做到安全生产逢会必讲')
          : null,
        c.has('safety.drills')
          ? line(`组织${drills.length ? drills.join('、') + '等' : ''}应急演练`, c.fig('safety.drills'))
          : null,
      ),
    });
  },
};
