import { indicators, type Formula } from './indicators.ts';
import { getKind, groups, kinds } from './kinds.ts';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function sources(f: Formula): string {
  const ks = f.op === 'rate' ? [f.num.kind, f.den.kind] : [f.kind];
  return [...new Set(ks)].map((k) => `${getKind(k).label}（\`${k}\`）`).join('、');
}

/** docs/catalogue.md, generated from the catalogue so it cannot drift from the code. */
export function catalogueMarkdown(): string {
  const out: string[] = [
    '# 台账类型与指标目录 / Record kinds and indicators',
    '',
    '由 `src/catalogue/` 生成（`npm run docs:catalogue`），测试会检查本文件与代码一致。',
    'Generated from `src/catalogue/` (`npm run docs:catalogue`); a test keeps it in step with the code.',
    '',
    '## 台账类型（record kinds）与报告中的做法',
    '',
    '“事件”类按日期计入期间；“登记”类（示范户、网格员、执法证等）按期末是否在册计入。',
    '“案件”类另有办理流程和法定时限（见 `docs/cases.md`）。',
    '',
    '| 代码 | 名称 | 工作领域 | 计期方式 | 字段 | 对应的报告做法 |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const k of kinds) {
    const fields = [
      k.dateLabel,
      k.titleLabel,
      ...(k.endLabel ? [k.endLabel] : []),
      ...k.fields.map((f) => f.label),
    ].join('、');
    const how = `${k.temporal === 'registry' ? '登记' : '事件'}${k.caseType ? '（案件）' : ''}`;
    out.push(
      `| \`${k.id}\` | ${k.label} | ${groups[k.group]} | ${how} | ${cell(fields)} | ${cell(k.practices.join('；'))} |`,
    );
  }
  out.push(
    '',
    '## 指标（indicators）',
    '',
    '| 指标代码 | 名称 | 单位 | 口径 | 来源台账 |',
    '| --- | --- | --- | --- | --- |',
  );
  for (const i of indicators) {
    out.push(`| \`${i.key}\` | ${i.label} | ${i.unit} | ${cell(i.basis)} | ${sources(i.formula)} |`);
  }
  return out.join('\n') + '\n';
}
