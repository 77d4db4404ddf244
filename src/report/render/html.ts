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

/**
 * Standalone, print-friendly HTML in the layout of the docx (A4, GB/T 9704 margins and fonts).
 * Each figure links to the records behind it.
 */

export interface HtmlOptions {
  /** The link of an indicator's records, e.g. `/api/explain?key=…&org=…&year=…`. */
  readonly explainHref?: (key: string) => string;
}

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
/** Escapes text for HTML content and attribute values. */
export const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);

const CSS = `
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
body { font-family: "仿宋_GB2312", "FangSong", "STFangsong", "Noto Serif CJK SC", serif; font-size: 16pt; line-height: 28.95pt; color: #000; max-width: 156mm; margin: 2em auto; }
h1 { font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "STSong", "Noto Serif CJK SC", serif; font-size: 22pt; font-weight: normal; text-align: center; text-indent: 0; line-height: 1.4; margin: 0 0 28.95pt; }
h2 { font-family: "黑体", "SimHei", "Noto Sans CJK SC", sans-serif; font-size: 16pt; font-weight: normal; text-indent: 2em; margin: 0; }
h3 { font-family: "楷体_GB2312", "KaiTi", "STKaiti", serif; font-size: 16pt; font-weight: normal; text-indent: 2em; margin: 0; }
p { margin: 0; text-indent: 2em; text-align: justify; }
p.flush { text-indent: 0; }
.closing { break-inside: avoid; page-break-inside: avoid; }
.sign { text-align: right; padding-right: 4em; }
.sign-box { display: inline-block; }
.sign-box p { text-indent: 0; text-align: center; white-space: nowrap; }
.sign-box p.organ { width: 0; min-width: 100%; display: flex; justify-content: center; }
.colophon { margin-top: 28.95pt; border-top: 0.35mm solid #000; border-bottom: 0.35mm solid #000; font-size: 14pt; break-inside: avoid; page-break-inside: avoid; }
.colophon p { text-indent: 0; padding: 0 1em; }
.colophon p + p { border-top: 0.25mm solid #000; }
.colophon p.printed { display: flex; justify-content: space-between; }
.notice { border: 1px solid #c00; padding: 0 .5em; }
mark { background: #ff0; }
a.fig { color: inherit; text-decoration: none; border-bottom: 1px dotted #06c; }
table { border-collapse: collapse; width: 100%; font-size: 12pt; line-height: 1.5; }
th, td { border: 1px solid #000; padding: 2px 4px; text-align: left; vertical-align: middle; }
th { font-family: "黑体", "SimHei", sans-serif; font-weight: normal; text-align: center; }
td.num { text-align: center; }
.appendix { break-before: page; page-break-before: always; }
@media print { a.fig { border: none; } .notice { border: none; } }
`;

function inline(i: Inline, o: HtmlOptions): string {
  if (i.t === 'text') return esc(i.text);
  if (i.t === 'placeholder') return `<mark>${esc(placeholderText(i.text))}</mark>`;
  const f = i.figure;
  const attrs = `class="fig" data-key="${esc(f.source.key)}" data-op="${f.source.op}" data-value="${f.value}"`;
  return o.explainHref
    ? `<a ${attrs} href="${esc(o.explainHref(f.source.key))}">${esc(f.text)}</a>`
    : `<span ${attrs}>${esc(f.text)}</span>`;
}

const para = (p: Para, o: HtmlOptions, cls = ''): string =>
  `<p${cls ? ` class="${cls}"` : ''}>${p.lead ? esc(`${p.lead.number}${p.lead.text}。`) : ''}${p.inlines.map((i) => inline(i, o)).join('')}</p>`;

/**
 * The 落款 (7.3.5): the 成文日期 four characters in from the right, the organ centred over it. The
 * organ's box is as wide as the date's (width 0, min-width 100%), its text centred and overflowing
 * both sides evenly when longer.
 */
function signature(m: ReportModel): string {
  const date = signatureDate(m);
  const dateHtml = date === DATE_PENDING ? `<mark>${esc(date)}</mark>` : esc(date);
  return `<div class="sign"><div class="sign-box"><p class="organ"><span>${esc(m.signature.organ)}</span></p><p class="date">${dateHtml}</p></div></div>`;
}

/** The 版记 (7.4): 抄送 and 印发 lines between a thick rule, a thin one and a thick one. */
export function colophonHtml(c: Colophon): string {
  const lines: string[] = [];
  if (c.cc.length > 0) lines.push(`<p class="cc">抄送：${esc(c.cc.join('，'))}。</p>`);
  if (c.printedBy || c.printedOn)
    lines.push(
      `<p class="printed"><span>${esc(c.printedBy ?? '')}</span><span>${c.printedOn ? esc(printedDate(c.printedOn)) + '印发' : ''}</span></p>`,
    );
  return `<div class="colophon">${lines.join('')}</div>`;
}

export function renderHtml(m: ReportModel, o: HtmlOptions = {}): string {
  const out: string[] = [
    '<!DOCTYPE html>',
    '<html lang="zh-CN"><head><meta charset="utf-8">',
    `<title>${esc(m.title.join(''))}</title><style>${CSS}</style></head><body>`,
    `<h1>${m.title.map(esc).join('<br>')}</h1>`,
    `<p class="flush">${esc(m.addressee)}</p>`,
    ...m.notices.map((n) => para(n, o, 'notice')),
    para(m.intro, o),
  ];
  for (const b of bodyItems(m)) {
    if (b.kind === 'para') out.push(para(b.para, o));
    else
      out.push(
        `<h${b.section.level + 1}>${esc(b.section.number + b.section.heading)}</h${b.section.level + 1}>`,
      );
  }
  // The body's last paragraph, the closing and the signature are kept on one page.
  const last = out[out.length - 1]?.startsWith('<p') ? [out.pop()!] : [];
  out.push(
    '<div class="closing">',
    ...last,
    `<p>${esc(m.closing)}</p>`,
    '<p>&nbsp;</p>',
    `<p>${esc(m.attachmentNote)}</p>`,
    '<p>&nbsp;</p>',
    signature(m),
    '</div>',
  );
  out.push(
    '<section class="appendix">',
    '<p class="flush" style="font-family:黑体,SimHei,sans-serif">附件</p>',
    `<h1>${esc(m.appendix.title)}</h1>`,
  );
  out.push('<table><thead><tr><th>指标</th><th>本年</th><th>上年</th><th>增减</th></tr></thead><tbody>');
  for (const r of m.appendix.rows) {
    const value = esc(r.value === '—' ? r.value : r.value + r.unit);
    const cellValue =
      o.explainHref && r.value !== '—'
        ? `<a class="fig" href="${esc(o.explainHref(r.key))}">${value}</a>`
        : value;
    const previous = esc(r.previous === '—' ? r.previous : r.previous + r.unit);
    out.push(
      `<tr id="ind-${esc(r.key)}"><td>${esc(r.label)}</td><td class="num">${cellValue}</td><td class="num">${previous}</td><td class="num">${esc(r.change)}</td></tr>`,
    );
  }
  out.push('</tbody></table>');
  if (m.placeholders.length > 0) {
    out.push(
      '<h2 style="text-indent:0">待补充事项（定稿前删除）</h2><ol>',
      ...m.placeholders.map((p) => `<li>${esc(p)}</li>`),
      '</ol>',
    );
  }
  if (m.colophon) out.push(colophonHtml(m.colophon));
  out.push('</section></body></html>');
  return out.join('\n') + '\n';
}
