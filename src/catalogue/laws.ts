/**
 * The laws and regulations 学法考法 studies and examines, each by a stable id (kept in the question
 * bank and exam rules) and the name people write. The starter question bank cites articles of these.
 */
export interface Law {
  readonly id: string;
  /** The short name used in the bank, on papers and in templates (民法典, 行政处罚法…). */
  readonly label: string;
  /** The full title. */
  readonly title: string;
  /** Other ways townships write it in their own sheets. */
  readonly aliases: readonly string[];
}

export const laws: readonly Law[] = [
  { id: 'constitution', label: '宪法', title: '中华人民共和国宪法', aliases: ['中华人民共和国宪法'] },
  { id: 'civil_code', label: '民法典', title: '中华人民共和国民法典', aliases: ['中华人民共和国民法典'] },
  {
    id: 'admin_penalty',
    label: '行政处罚法',
    title: '中华人民共和国行政处罚法',
    aliases: ['中华人民共和国行政处罚法'],
  },
  {
    id: 'admin_license',
    label: '行政许可法',
    title: '中华人民共和国行政许可法',
    aliases: ['中华人民共和国行政许可法'],
  },
  {
    id: 'admin_coercion',
    label: '行政强制法',
    title: '中华人民共和国行政强制法',
    aliases: ['中华人民共和国行政强制法'],
  },
  {
    id: 'admin_reconsideration',
    label: '行政复议法',
    title: '中华人民共和国行政复议法',
    aliases: ['中华人民共和国行政复议法'],
  },
  {
    id: 'admin_litigation',
    label: '行政诉讼法',
    title: '中华人民共和国行政诉讼法',
    aliases: ['中华人民共和国行政诉讼法'],
  },
  { id: 'petition', label: '信访工作条例', title: '信访工作条例', aliases: [] },
  {
    id: 'gov_info',
    label: '政府信息公开条例',
    title: '中华人民共和国政府信息公开条例',
    aliases: ['中华人民共和国政府信息公开条例'],
  },
  {
    id: 'major_decision',
    label: '重大行政决策程序暂行条例',
    title: '重大行政决策程序暂行条例',
    aliases: [],
  },
  {
    id: 'mediation',
    label: '人民调解法',
    title: '中华人民共和国人民调解法',
    aliases: ['中华人民共和国人民调解法'],
  },
  {
    id: 'land',
    label: '土地管理法',
    title: '中华人民共和国土地管理法',
    aliases: ['中华人民共和国土地管理法'],
  },
];

const byName = new Map<string, Law>(
  laws.flatMap((l) => [l.id, l.label, l.title, ...l.aliases].map((n) => [n, l] as const)),
);

/** A law by its id, short name, full title or alias (书名号 and spaces ignored). */
export function findLaw(name: string): Law | undefined {
  return byName.get(name.replace(/[《》\s]/g, ''));
}

export function lawLabel(id: string): string {
  return findLaw(id)?.label ?? id;
}
