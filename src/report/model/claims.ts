/**
 * Claims in free text (a commitment's progress note, its target) that an indicator can confirm or
 * refute. Before such text is printed beside the figures, each claim is checked: a claim the ledger
 * contradicts is not printed as fact but as a 【待核实】 placeholder carrying both statements.
 */
import type { ReportContext } from './context.ts';
import { formatNumber } from './context.ts';

interface ClaimRule {
  /** Matches the claim; group 1, when present, is the percentage claimed (else 100). */
  readonly re: RegExp;
  readonly key: string;
  /** How the fact is stated when the claim does not hold. */
  readonly fact: (c: ReportContext) => string;
}

const rate = (label: string, key: string, den: string, num: string, unit: string) => (c: ReportContext) => {
  const d = c.den(key);
  const n = c.num(key);
  const counts =
    d !== null && n !== null ? `（${den}${formatNumber(d)}${unit}，${num}${formatNumber(n)}${unit}）` : '';
  return `${label}为${formatNumber(c.value(key) ?? 0)}%${counts}`;
};

const RULES: readonly ClaimRule[] = [
  {
    re: /参考率(?:达到|达|为|实现)?(\d+(?:\.\d+)?)%|应参考人员(?:均|全部)参考|全员参考|应考尽考/,
    key: 'study.exam_participation_rate',
    fact: rate('参考率', 'study.exam_participation_rate', '应参考', '实际参考', '人次'),
  },
  {
    re: /合格率(?:达到|达|为|实现)?(\d+(?:\.\d+)?)%|全部合格/,
    key: 'study.exam_pass_rate',
    fact: rate('合格率', 'study.exam_pass_rate', '参考', '合格', '人次'),
  },
  {
    re: /化解率(?:达到|达|为|实现)?(\d+(?:\.\d+)?)%|(?:纠纷)?全部(?:调处)?化解/,
    key: 'disputes.resolution_rate',
    fact: rate('矛盾纠纷化解率', 'disputes.resolution_rate', '已办结或到期', '化解', '件'),
  },
  {
    re: /按期办结率(?:达到|达|为|实现)?(\d+(?:\.\d+)?)%|全部按期办结/,
    key: 'petitions.on_time_rate',
    fact: rate('信访按期办结率', 'petitions.on_time_rate', '已办结', '按期办结', '件'),
  },
  {
    re: /出庭(?:应诉)?率(?:达到|达|为|实现)?(\d+(?:\.\d+)?)%|应出尽出/,
    key: 'litigation.leader_appearance_rate',
    fact: rate('负责人出庭率', 'litigation.leader_appearance_rate', '庭审', '负责人出庭', '次'),
  },
  {
    re: /满意率(?:达到|达|为|实现)?(\d+(?:\.\d+)?)%/,
    key: 'disputes.satisfaction_rate',
    fact: rate('回访满意率', 'disputes.satisfaction_rate', '回访', '满意和基本满意', '件'),
  },
];

/** A claim the ledger contradicts: the words claimed and the fact as the ledger has it. */
export interface Contradiction {
  readonly claim: string;
  readonly fact: string;
}

/** The claims in `text` that the year's indicators contradict (a rate below the one claimed). */
export function contradictions(c: ReportContext, text: string): Contradiction[] {
  const out: Contradiction[] = [];
  for (const rule of RULES) {
    const m = rule.re.exec(text);
    const value = c.value(rule.key);
    if (!m || value === null) continue;
    const claimed = m[1] === undefined ? 100 : Number(m[1]);
    if (value + 1e-9 < claimed) out.push({ claim: m[0], fact: rule.fact(c) });
  }
  // 全部整改到位 against the inspections' own problems and rectifications.
  const found = c.value('enforcement.problems_found') ?? 0;
  const fixed = c.value('enforcement.problems_rectified') ?? 0;
  const all = /(?:问题)?全部整改(?:到位)?|整改率(?:达到|达)?100%/.exec(text);
  if (all && fixed < found)
    out.push({
      claim: all[0],
      fact: `执法检查发现问题${formatNumber(found)}处，整改到位${formatNumber(fixed)}处`,
    });
  return out;
}

/** The placeholder text for a contradicted statement: what was said, and what the ledger shows. */
export function contradictionText(said: string, found: readonly Contradiction[]): string {
  return `待核实：${said}“${found.map((f) => f.claim).join('”“')}”，但台账显示${found.map((f) => f.fact).join('；')}`;
}
