import { placeholderText } from '../model/numbering.ts';
import { signatureDate, type Inline, type Para, type ReportModel } from '../model/types.ts';
import { bodyItems } from './text.ts';

/** Markdown: for review in a browser or git; the structure of the docx, without its page format. */

const esc = (s: string): string => s.replace(/([\\`*_[\]|<>])/g, '\\$1');

const inline = (i: Inline): string =>
  i.t === 'text'
    ? esc(i.text)
    : i.t === 'figure'
      ? esc(i.figure.text)
      : `**${esc(placeholderText(i.text))}**`;

const para = (p: Para): string =>
  (p.lead ? `**${esc(p.lead.number + p.lead.text)}。**` : '') + p.inlines.map(inline).join('');

export function renderMarkdown(m: ReportModel): string {
  const out: string[] = [`# ${m.title.join('')}`, '', esc(m.addressee), ''];
  for (const n of m.notices) out.push(`> ${para(n)}`, '');
  out.push(para(m.intro), '');
  for (const b of bodyItems(m)) {
    if (b.kind === 'heading')
      out.push(`${b.section.level === 1 ? '##' : '###'} ${esc(b.section.number + b.section.heading)}`, '');
    else out.push(para(b.para), '');
  }
  out.push(m.closing, '', esc(m.attachmentNote), '');
  out.push(`<div align="right">${esc(m.signature.organ)}<br>${esc(signatureDate(m))}</div>`, '');
  out.push(
    '---',
    '',
    '附件',
    '',
    `## ${m.appendix.title}`,
    '',
    '| 指标 | 数值 | 口径 | 来源记录数 |',
    '| --- | ---: | --- | ---: |',
  );
  for (const r of m.appendix.rows) {
    out.push(
      `| ${esc(r.label)}（${r.key}） | ${esc(r.value === '—' ? r.value : r.value + r.unit)} | ${esc(r.basis)} | ${r.records} |`,
    );
  }
  if (m.placeholders.length > 0) {
    out.push('', '## 待补充事项（定稿前删除本节）', '');
    m.placeholders.forEach((p, i) => out.push(`${i + 1}. ${esc(p)}`));
  }
  return out.join('\n') + '\n';
}
