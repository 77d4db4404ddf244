import type { GenContext, TownPlan } from './context.ts';
import { Rng, ymd } from './random.ts';

/** One power (权力清单事项) a demo township may hold. */
interface PowerPlan {
  readonly item: string;
  readonly category: string;
  readonly basis: string;
  /** 县级赋权 rather than 法定. */
  readonly delegated: boolean;
  readonly office: string;
}

const ENFORCE = '综合行政执法队';
const p = (item: string, category: string, basis: string, delegated: boolean, office = ENFORCE) => ({
  item,
  category,
  basis,
  delegated,
  office,
});

/** The 行政检查 power each kind of inspection (执法检查 `area`) is made under. */
export const INSPECTION_POWERS = {
  safety: p(
    '对生产经营单位安全生产状况的监督检查',
    'inspection',
    '《中华人民共和国安全生产法》第九条',
    false,
    '应急管理办',
  ),
  fireworks: p(
    '对烟花爆竹零售经营场所的安全检查',
    'inspection',
    '《烟花爆竹安全管理条例》第四条、第十八条',
    true,
  ),
  fire: p(
    '对人员密集场所和“九小场所”消防安全的检查',
    'inspection',
    '《中华人民共和国消防法》第三十一条、第三十二条',
    false,
    '应急管理办',
  ),
  homestead: p('对农村村民住宅建设的巡查', 'inspection', '《中华人民共和国土地管理法》第六十二条', true),
  environment: p(
    '对畜禽养殖污染、秸秆禁烧等环境保护情况的巡查',
    'inspection',
    '《中华人民共和国大气污染防治法》第七十七条',
    true,
  ),
  food: p(
    '对农村集体聚餐和小餐饮食品安全的检查',
    'inspection',
    '《中华人民共和国食品安全法》第六条',
    false,
    '社会事务办',
  ),
  construction: p(
    '对乡、村庄规划区内建设活动的监督检查',
    'inspection',
    '《中华人民共和国城乡规划法》第五十三条、第六十五条',
    false,
    '规划建设办',
  ),
  other: p('对集镇道路占道经营的检查', 'inspection', '《城市道路管理条例》第二十七条', true),
} as const satisfies Readonly<Record<string, PowerPlan>>;

/** The 行政处罚 power each demo penalty case (by its 案由) is decided under. */
export const PENALTY_POWERS = {
  未经批准占用耕地建房案: p(
    '对农村村民未经批准非法占用土地建住宅的处罚',
    'penalty',
    '《中华人民共和国土地管理法》第七十八条',
    true,
  ),
  违规燃放烟花爆竹案: p(
    '对在禁止燃放的时间、地点燃放烟花爆竹的处罚',
    'penalty',
    '《烟花爆竹安全管理条例》第四十二条',
    true,
  ),
  擅自占道经营案: p(
    '对擅自占用集镇道路从事经营活动的处罚',
    'penalty',
    '《城市道路管理条例》第四十二条',
    true,
  ),
  违规露天焚烧秸秆案: p(
    '对露天焚烧秸秆的处罚',
    'penalty',
    '《中华人民共和国大气污染防治法》第一百一十九条',
    true,
  ),
  未按规定设置安全警示标志案: p(
    '对未在危险场所设置明显安全警示标志的处罚',
    'penalty',
    '《中华人民共和国安全生产法》第九十九条',
    true,
  ),
  违法搭建临时建筑案: p(
    '对未取得乡村建设规划许可证进行建设的处罚',
    'penalty',
    '《中华人民共和国城乡规划法》第六十五条',
    false,
    '规划建设办',
  ),
} as const satisfies Readonly<Record<string, PowerPlan>>;

/** Powers a township may hold besides those its cases need, in no particular order. */
const OTHERS: readonly PowerPlan[] = [
  p('对在禁止区域内露天烧烤食品的处罚', 'penalty', '《中华人民共和国大气污染防治法》第一百一十八条', true),
  p(
    '对随意倾倒、抛撒、堆放生活垃圾的处罚',
    'penalty',
    '《中华人民共和国固体废物污染环境防治法》第一百一十一条',
    true,
  ),
  p('对乱埋乱葬的处罚', 'penalty', '《殡葬管理条例》第二十条', true, '社会事务办'),
  p('农村村民宅基地审批', 'licensing', '《中华人民共和国土地管理法》第六十二条', false, '规划建设办'),
  p(
    '适龄儿童、少年延缓入学或者休学审批',
    'licensing',
    '《中华人民共和国义务教育法》第十一条',
    false,
    '社会事务办',
  ),
  p('乡村建设规划许可证申请审核', 'licensing', '《中华人民共和国城乡规划法》第四十一条', false, '规划建设办'),
  p('临时占用村道审批', 'licensing', '《公路法》第四十四条（参照）、《农村公路条例》', true, '规划建设办'),
  p(
    '对违法建设限期拆除逾期不拆除的强制拆除',
    'enforcement_measures',
    '《中华人民共和国城乡规划法》第六十五条',
    false,
  ),
  p('查封、扣押非法生产经营的烟花爆竹', 'enforcement_measures', '《烟花爆竹安全管理条例》第三十九条', true),
  p(
    '对存在重大事故隐患的设施设备予以查封、扣押',
    'enforcement_measures',
    '《中华人民共和国安全生产法》第六十五条',
    true,
    '应急管理办',
  ),
  p('对防汛抗旱设施的安全检查', 'inspection', '《中华人民共和国防洪法》第八条', false, '应急管理办'),
  p('对地质灾害隐患点的巡查', 'inspection', '《地质灾害防治条例》第十七条', false, '应急管理办'),
  p('最低生活保障对象审核确认', 'confirmation', '《社会救助暂行办法》第十一条', false, '社会事务办'),
  p('特困人员救助供养对象审核确认', 'confirmation', '《社会救助暂行办法》第十五条', false, '社会事务办'),
  p(
    '农村土地承包经营权流转合同备案',
    'confirmation',
    '《中华人民共和国农村土地承包法》第三十六条',
    false,
    '农业农村办',
  ),
  p('临时救助', 'payment', '《社会救助暂行办法》第四十八条', false, '社会事务办'),
  p('自然灾害生活救助', 'payment', '《自然灾害救助条例》第十九条', false, '应急管理办'),
  p('特困人员救助供养金发放', 'payment', '《社会救助暂行办法》第十四条', false, '社会事务办'),
  p('对见义勇为人员的表彰奖励推荐', 'reward', '《见义勇为人员奖励和保障条例》（省）', false, '综治中心'),
  p(
    '对举报安全生产违法行为有功人员的奖励',
    'reward',
    '《中华人民共和国安全生产法》第七十六条',
    false,
    '应急管理办',
  ),
  p(
    '个人之间、个人与单位之间土地所有权和使用权争议的处理',
    'adjudication',
    '《中华人民共和国土地管理法》第十四条',
    false,
    '规划建设办',
  ),
  p(
    '个人之间林木所有权和林地使用权争议的处理',
    'adjudication',
    '《中华人民共和国森林法》第二十二条',
    false,
    '农业农村办',
  ),
  p('民间纠纷的处理', 'other', '《民间纠纷处理办法》第二条', false, '司法所'),
  p('村民委员会选举工作的指导', 'other', '《中华人民共和国村民委员会组织法》第四条', false, '党政办'),
  p(
    '对村民委员会不依法公布村务的责令公布',
    'other',
    '《中华人民共和国村民委员会组织法》第三十一条',
    false,
    '党政办',
  ),
  p('农村集体经济组织财务的监督', 'other', '《中华人民共和国农村集体经济组织法》', false, '农业农村办'),
];

const EVERY_CASE_POWER: readonly PowerPlan[] = [
  ...Object.values(INSPECTION_POWERS),
  ...Object.values(PENALTY_POWERS),
];

/** Extras in a fixed order per township, so each year's list grows from the year before. */
function extrasOf(t: TownPlan): PowerPlan[] {
  return new Rng(t.index * 7919 + 17).fork(`powers:${t.code}`).shuffle([...OTHERS]);
}

/**
 * The township's 权力清单 for the ledger year (15–40 powers, some 县级赋权 by the county's
 * decision), in force for that year: every power its inspections and penalties are made under,
 * and more each year as the county delegates.
 */
export function powerList(ctx: GenContext): void {
  const { t, year, rng } = ctx;
  const extras = extrasOf(t);
  const base = 2 + Math.round(t.strength * 10) + (t.index % 4);
  const n = Math.min(extras.length, base + (year - (ctx.reportYear - 1)) * rng.int(1, 3));
  const list = [...EVERY_CASE_POWER, ...extras.slice(0, Math.max(1, n))];
  const docYear = Math.max(2000, ctx.reportYear - 2);
  const doc = `清河县人民政府关于向乡镇（街道）赋予部分县级行政执法权的决定（清府发〔${docYear}〕${10 + (t.index % 7)}号）`;
  for (const pw of list) {
    ctx.emit('power', {
      date: `${year}-01-01`,
      endDate: `${year + 1}-01-01`,
      title: pw.item,
      data: {
        category: pw.category,
        basis: pw.basis,
        source: pw.delegated ? 'delegated' : 'statutory',
        ...(pw.delegated ? { delegationDoc: doc, delegationDate: ymd(docYear, 6, 18) } : {}),
        office: pw.office.startsWith('综合') ? `${t.name}${pw.office}` : pw.office,
        duties:
          pw.category === 'penalty' || pw.category === 'enforcement_measures'
            ? '立案、调查取证、告知、法制审核、决定、送达、执行等环节依法履责；对违法行为应当发现而未发现、应当处罚而未处罚的，依法承担责任'
            : '依法受理、审查、决定，公开办事依据和流程；事中事后加强监管，对不履行或者不正确履行职责的依法承担责任',
      },
    });
  }
}
