import { placeholderText } from '../model/numbering.ts';
import {
  DATE_PENDING,
  signatureDate,
  type Colophon,
  type Inline,
  type Para,
  type ReportModel,
} from '../model/types.ts';
import { printedDate } from './gbt9704.ts';
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

const withUnit = (value: string, unit: string): string => (value === '—' ? value : value + unit);

/**
 * The 落款 as inline HTML: the date four characters in from the right, the organ centred over it
 * (a box as wide as the date; renderers that drop the style still right-align both lines).
 */
function signature(m: ReportModel): string {
  const date = signatureDate(m);
  const dateText = date === DATE_PENDING ? `<mark>${esc(date)}</mark>` : esc(date);
  return (
    '<div align="right" style="padding-right:4em"><div style="display:inline-block">' +
    `<div align="center" style="width:0;min-width:100%;display:flex;justify-content:center;white-space:nowrap">${esc(m.signature.organ)}</div>` +
    `<div align="center" style="white-space:nowrap">${dateText}</div></div></div>`
  );
}

/** The 版记 as inline HTML: thick rule, 抄送, thin rule, 印发 line, thick rule. */
function colophon(c: Colophon): string {
  const lines: string[] = [];
  if (c.cc.length > 0) lines.push(`<div style="padding:0 1em">抄送：${esc(c.cc.join('，'))}。</div>`);
  if (c.printedBy || c.printedOn)
    lines.push(
      `<div style="display:flex;justify-content:space-between;padding:0 1em${lines.length ? ';border-top:1px solid' : ''}"><span>${esc(c.printedBy ?? '')}</span><span>${c.printedOn ? `${printedDate(c.printedOn)}印发` : ''}</span></div>`,
    );
  return `<div style="border-top:2px solid;border-bottom:2px solid;font-size:14pt">${lines.join('')}</div>`;
}

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
  out.push(signature(m), '');
  out.push(
    '---',
    '',
    '附件',
    '',
    `## ${m.appendix.title}`,
    '',
    '| 指标 | 本年 | 上年 | 增减 |',
    '| --- | :---: | :---: | :---: |',
  );
  for (const r of m.appendix.rows) {
    out.push(
      `| ${esc(r.label)} | ${esc(withUnit(r.value, r.unit))} | ${esc(withUnit(r.previous, r.unit))} | ${esc(r.change)} |`,
    );
  }
  if (m.placeholders.length > 0) {
    out.push('', '## 待补充事项（定稿前删除本节）', '');
    m.placeholders.forEach((p, i) => out.push(`${i + 1}. ${esc(p)}`));
  }
  if (m.colophon) out.push('', colophon(m.colophon));
  return out.join('\n') + '\n';
}
