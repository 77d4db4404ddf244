import { findIndicator } from '../catalogue/indicators.ts';
import { ROLE_LABEL } from './figure-role.ts';
import { isError, type ReviewOutcome, type ReviewResult, type Severity } from './types.ts';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const SEV: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };
const PART_LABEL: [keyof ReviewResult['parts'], string][] = [
  ['measures', '主要举措和成效'],
  ['shortcomings', '存在的不足'],
  ['causes', '不足的原因'],
  ['leaderDuty', '主要负责人履行第一责任人职责'],
  ['nextYear', '下一年度安排'],
  ['other', '其他需要报告的情况'],
];

const CSS = `
body{font-family:"仿宋_GB2312","FangSong","SimSun",serif;margin:2em auto;max-width:60em;color:#222;line-height:1.7}
h1,h2,h3{font-family:"黑体","SimHei",sans-serif}h2{border-top:3px double #999;padding-top:.6em;margin-top:2em}
table{border-collapse:collapse;margin:.5em 0;font-size:.92em}td,th{border:1px solid #aaa;padding:.15em .5em;vertical-align:top}
.doc{white-space:pre-wrap;border:1px solid #ccc;padding:1em;background:#fcfcfc}
mark{background:none;padding:0 1px}mark.error{background:#fdd;border-bottom:2px solid #c00}
mark.warning{background:#fff0c8;border-bottom:2px solid #e90}mark.info{background:#e3efff;border-bottom:2px dotted #36c}
mark.copy{background:#efe3ff;border-bottom:2px solid #84c}mark.fig{background:none;border-bottom:1px dashed #090}
.sev-error{color:#c00;font-weight:bold}.sev-warning{color:#b60}.sev-info{color:#36c}.yes{color:#080}.no{color:#c00;font-weight:bold}
.legend mark{margin-right:1em}.bad{color:#c00}
@media print{body{max-width:none;margin:0}h2{page-break-before:always}mark{-webkit-print-color-adjust:exact;print-color-adjust:exact}.doc{border:none}}
`;

interface Span {
  start: number;
  end: number;
  cls: string;
  title: string;
  rank: number;
}

/** The text with findings, copied passages and figures marked; overlaps go to the higher rank. */
function highlighted(r: ReviewResult): string {
  const spans: Span[] = [
    ...r.figures.map((f) => ({
      start: f.start,
      end: f.end,
      cls: 'fig',
      title: `${findIndicator(f.key)?.label ?? '其他'}（${f.key}）= ${f.value}${f.unit}`,
      rank: 1,
    })),
    ...r.similarity.flatMap((s) =>
      s.passages.map((p) => ({
        start: p.start,
        end: p.end,
        cls: 'copy',
        title: `与 ${s.other} 相同`,
        rank: 2,
      })),
    ),
    ...r.findings
      .filter((f) => f.text.length > 0)
      .flatMap((f) =>
        [f.start, ...(f.also ?? [])].map((start) => ({
          start,
          end: start + f.text.length,
          cls: f.severity,
          title: `[${f.rule}] ${f.message}`,
          rank: 3,
        })),
      ),
  ];
  const owner = new Int32Array(r.text.length).fill(-1);
  spans.forEach((s, i) => {
    for (let k = Math.max(0, s.start); k < Math.min(r.text.length, s.end); k++) {
      const o = owner[k]!;
      if (o < 0 || spans[o]!.rank <= s.rank) owner[k] = i;
    }
  });
  let html = '';
  let k = 0;
  while (k < r.text.length) {
    const o = owner[k]!;
    let e = k + 1;
    while (e < r.text.length && owner[e] === o) e++;
    const chunk = esc(r.text.slice(k, e));
    const s = spans[o];
    html += s ? `<mark class="${s.cls}" title="${esc(s.title)}">${chunk}</mark>` : chunk;
    k = e;
  }
  return html;
}

function docSection(r: ReviewResult, i: number): string {
  const parts = PART_LABEL.map(
    ([k, l]) => `<td class="${r.parts[k] ? 'yes' : 'no'}">${r.parts[k] ? '✓' : '✗'} ${l}</td>`,
  ).join('');
  const findings = r.findings
    .map(
      (f) =>
        `<tr><td class="sev-${f.severity}">${SEV[f.severity]}</td><td>${esc(f.rule)}</td><td>${esc(f.message)}</td><td>${esc(f.text.slice(0, 40))}</td></tr>`,
    )
    .join('');
  const figures = r.figures
    .map(
      (f) =>
        `<tr><td>${esc(f.key)}</td><td>${esc(findIndicator(f.key)?.label ?? f.context ?? '')}</td><td>${f.value}${f.max !== undefined ? '–' + f.max : ''}</td><td>${esc(f.unit)}</td><td>${f.approx ? esc(f.qualifier ?? '约') : ''}</td><td>${ROLE_LABEL[f.role ?? 'current']}</td><td>${esc(f.text)}</td></tr>`,
    )
    .join('');
  const sims = r.similarity
    .map(
      (s) =>
        `<h4>与 ${esc(s.other)} 相同的文字（占本文 ${(s.shared * 100).toFixed(1)}%）</h4><ol>${s.passages.map((p) => `<li>${esc(p.text)}</li>`).join('')}</ol>`,
    )
    .join('');
  return `<h2 id="doc${i}">${esc(r.title || r.file)}</h2>
<p>文件：${esc(r.file)}&#12288;乡镇：${esc(r.org || '未识别')}&#12288;年度：${r.year ?? '未识别'}</p>
<table><tr>${parts}</tr></table>
<h3>审阅意见（${r.findings.length} 条）</h3>
${findings ? `<table><tr><th>级别</th><th>规则</th><th>说明</th><th>原文</th></tr>${findings}</table>` : '<p>未发现问题。</p>'}
<h3>原文（问题处已标出，鼠标悬停查看说明）</h3>
<div class="doc">${highlighted(r)}</div>
<h3>数据（${r.figures.length} 项）</h3>
<table><tr><th>指标</th><th>名称/上下文</th><th>数值</th><th>单位</th><th>约数</th><th>口径</th><th>原文</th></tr>${figures}</table>
<h3>与其他报告相同的段落</h3>${sims || '<p>未发现。</p>'}`;
}

/** A standalone, print-friendly HTML report of a batch review. */
export function renderHtml(results: readonly ReviewOutcome[]): string {
  const count = (r: ReviewResult, s: Severity) => r.findings.filter((f) => f.severity === s).length;
  const summary = results
    .map((r, i) =>
      isError(r)
        ? `<tr><td>${esc(r.file)}</td><td colspan="5" class="bad">无法读取：${esc(r.error)}</td></tr>`
        : `<tr><td><a href="#doc${i}">${esc(r.file)}</a></td><td>${esc(r.org)}</td><td>${r.year ?? ''}</td><td class="sev-error">${count(r, 'error')}</td><td class="sev-warning">${count(r, 'warning')}</td><td>${r.similarity.length ? Math.max(...r.similarity.map((s) => s.shared * 100)).toFixed(1) + '%' : '—'}</td></tr>`,
    )
    .join('');
  const body = results.map((r, i) => (isError(r) ? '' : docSection(r, i))).join('\n');
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>法治政府建设年度报告审阅</title><style>${CSS}</style></head>
<body><h1>法治政府建设年度报告审阅</h1>
<p class="legend">图例：<mark class="error">错误</mark><mark class="warning">警告</mark><mark class="info">提示</mark><mark class="copy">与其他报告相同</mark><mark class="fig">已识别数据</mark></p>
<table><tr><th>文件</th><th>乡镇</th><th>年度</th><th>错误</th><th>警告</th><th>最高重复率</th></tr>${summary}</table>
${body}
</body></html>
`;
}
