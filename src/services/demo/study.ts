import type { GenContext } from './context.ts';
import { distinctNames } from './names.ts';
import { dateIn, lerp, spreadDates } from './random.ts';

/** Laws a township studies, with the first year each is current (a law is not studied before it exists). */
const LAWS: readonly (readonly [string, number])[] = [
  ['习近平法治思想', 2020],
  ['《中华人民共和国宪法》', 2018],
  ['《中华人民共和国民法典》', 2020],
  ['《中华人民共和国行政处罚法》', 2021],
  ['《中华人民共和国行政复议法》（2023年修订）', 2024],
  ['《信访工作条例》', 2022],
  ['《中华人民共和国安全生产法》', 2021],
  ['《中华人民共和国土地管理法实施条例》', 2021],
  ['《重大行政决策程序暂行条例》', 2019],
  ['《中华人民共和国政府信息公开条例》', 2019],
  ['《法治政府建设实施纲要（2021－2025年）》', 2021],
  ['《中华人民共和国乡村振兴促进法》', 2021],
  ['《中华人民共和国反有组织犯罪法》', 2022],
  ['《中华人民共和国反电信网络诈骗法》', 2022],
  ['《中华人民共和国国家安全法》', 2015],
  ['《中华人民共和国人民调解法》', 2011],
  ['《中华人民共和国行政诉讼法》', 2017],
  ['《中国共产党政法工作条例》', 2019],
];

const VIDEOS = ['《镜鉴》', '《警钟长鸣》', '《零容忍》', '《持续发力 纵深推进》', '《以案为鉴》'];

/** A village cadre's post: 青山村村委会主任, 和平社区居委会主任. */
function villagePost(place: string, i: number): string {
  const posts = place.endsWith('村')
    ? ['党支部书记', '村委会主任', '村委委员', '文书']
    : ['党支部书记', '居委会主任', '居委委员', '网格长'];
  return `${place}${posts[i % posts.length]!}`;
}

/** 学法培训 (中心组学法 and others), the annual 学法考试 and its 考试成绩. */
export function study(ctx: GenContext): void {
  const { rng, t, year, activity } = ctx;
  // 《法治政府建设实施纲要（2021－2025年）》 is out of date after 2025; a demo must not make that mistake.
  const laws = LAWS.filter(([l, from]) => year >= from && !(l.includes('2021－2025') && year > 2025)).map(
    ([l]) => l,
  );

  const center = lerp(4, 8, activity + rng.next() * 0.2 - 0.1);
  spreadDates(rng, year, center).forEach((date, i) => {
    const law = laws[(i * 3 + rng.int(0, 2)) % laws.length]!;
    ctx.emit('study_session', {
      date,
      title: `${t.party}理论学习中心组专题学习${law}`,
      data: {
        sessionType: 'center_group',
        attendees: rng.int(11, 19),
        lecturer:
          i === 0
            ? t.cast.secretary
            : rng.pick([t.cast.secretary, t.cast.head, t.cast.deputy, t.cast.justiceChief]),
        laws: law,
      },
      org: t.departments.office.name,
    });
  });

  const others = lerp(8, 25, activity + rng.next() * 0.2 - 0.1);
  const kinds = [
    ['meeting_study', 4],
    ['collective', 3],
    ['training', 3],
    ['lecture', 2],
    ['video', 1],
  ] as const;
  spreadDates(rng, year, others).forEach((date) => {
    const type = rng.weighted(kinds);
    const law = rng.pick(laws);
    const village = rng.pick(t.villages).name;
    const [title, attendees, lecturer, org] = {
      meeting_study: [
        `${t.gov}常务会议会前学法：${law}`,
        rng.int(15, 28),
        t.cast.justiceChief,
        t.departments.office.name,
      ],
      collective: [
        `机关干部集中学法：${law}`,
        rng.int(40, 90),
        t.cast.justiceChief,
        t.departments.office.name,
      ],
      training: rng.pick([
        [
          `法律明白人暨人民调解员培训（第${rng.int(1, 4)}期）`,
          rng.int(45, 150),
          t.cast.justiceChief,
          t.departments.justice.name,
        ],
        [
          '网格员矛盾纠纷排查业务培训',
          rng.int(60, 150),
          t.cast.governanceChief,
          t.departments.governance.name,
        ],
        [
          '行政执法人员业务培训',
          rng.int(15, 40),
          `县司法局${rng.pick(['执法监督股', '法治督察股'])}`,
          t.departments.enforcement.name,
        ],
        [
          `村（社区）干部依法治村能力培训`,
          rng.int(40, 110),
          t.cast.advisers[0]!.name,
          t.departments.justice.name,
        ],
      ] as const),
      lecture: [
        `“法律进${rng.pick(['机关', '村居', '企业'])}”法治讲座：${law}`,
        rng.int(30, 120),
        `${t.cast.advisers[0]!.firm}律师${t.cast.advisers[0]!.name}`,
        village,
      ],
      video: [`组织观看法治教育警示片${rng.pick(VIDEOS)}`, rng.int(30, 80), '', t.departments.office.name],
    }[type];
    ctx.emit('study_session', {
      date,
      title,
      data: {
        sessionType: type,
        attendees,
        ...(lecturer ? { lecturer } : {}),
        laws: type === 'video' || type === 'training' ? '' : law,
      },
      org,
    });
  });

  // One annual exam for 镇村两级干部; strong townships sit nearly everyone and pass them all.
  const required = lerp(62, 128, ctx.t.size * 0.6 + rng.next() * 0.4);
  const takers = Math.round(required * (0.88 + 0.12 * activity - rng.next() * 0.03));
  const date = dateIn(rng, year, 9, 11);
  const title = `${year}年度${t.name}国家工作人员学法考试`;
  ctx.emit('exam', {
    date,
    title,
    data: { required, form: rng.chance(0.6) ? 'online' : 'offline', organizer: t.departments.justice.name },
    org: t.departments.justice.name,
  });
  const units = [
    '党政办',
    '司法所',
    '综治中心',
    '综合行政执法队',
    '财政所',
    '自然资源所',
    '农业综合服务中心',
    '社会事务办',
    '应急办',
  ];
  const failRate = activity > 0.6 ? 0 : 0.06 * (1 - activity);
  distinctNames(rng, takers).forEach((person) => {
    const village = rng.chance(0.55);
    const fail = rng.chance(failRate);
    const score = fail ? rng.int(42, 59) : Math.min(100, Math.round(60 + rng.next() * 25 + activity * 15));
    ctx.emit('exam_score', {
      date,
      title,
      data: {
        person,
        unit: village ? villagePost(rng.pick(t.villages).name, rng.int(0, 3)) : `${t.unit}${rng.pick(units)}`,
        score,
        grade: score >= 90 ? 'excellent' : score >= 60 ? 'pass' : 'fail',
      },
    });
  });
}
