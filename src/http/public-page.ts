/**
 * The public page of a published annual report: plain, printable HTML (no script), readable on a
 * phone, with the publication date and any 更正说明 above the text.
 */
import { esc } from './public/html.ts';

export interface PublicReport {
  readonly township: string;
  readonly code: string;
  readonly county: string;
  readonly year: number;
  readonly publishedAt: string | null;
  readonly text: string;
  readonly hasFile: boolean;
  readonly fileType: 'docx' | 'txt' | null;
  readonly corrections: readonly { readonly at: string; readonly note: string | null }[];
}

const day = (iso: string | null): string =>
  iso ? `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日` : '';

export function publicReportPage(r: PublicReport): string {
  const all = r.text.split('\n').filter((l) => l.trim());
  // The title is printed on up to three lines; it ends with 报告. Then the addressee (…：).
  let n = 0;
  let title = '';
  while (n < Math.min(3, all.length) && !title.endsWith('报告')) title += all[n++]!;
  const addressee = all[n]?.endsWith('：') ? all[n++]! : null;
  // The 落款 (organ and 成文日期) closes the text: the last two lines when the last is a date.
  const dated = /^\d{4}年\d{1,2}月\d{1,2}日$|^【待定/.test(all.at(-1) ?? '');
  const body = all.slice(n, dated ? -2 : undefined);
  const sign = dated ? all.slice(-2) : [];
  const lines = body.map((l) =>
    /^[一二三四五六七八九十]+、/.test(l)
      ? `<h2>${esc(l)}</h2>`
      : /^（[一二三四五六七八九十]+）/.test(l)
        ? `<h3>${esc(l)}</h3>`
        : `<p>${esc(l)}</p>`,
  );
  const corrections = r.corrections
    .map((c) => `<p class="note">${esc(day(c.at))}：${esc(c.note ?? '')}</p>`)
    .join('');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${esc(r.township)}${r.year}年度法治政府建设情况报告</title>
<style>
body { max-width: 46rem; margin: 0 auto; padding: 1rem; font: 17px/1.9 "FangSong", "STFangsong", serif; color: #222; }
h1 { font-size: 1.5rem; text-align: center; line-height: 1.5; }
h2 { font-size: 1.15rem; font-family: "SimHei", sans-serif; }
h3 { font-size: 1.05rem; font-family: "KaiTi", serif; }
p { text-indent: 2em; margin: .3rem 0; }
.meta { text-align: center; color: #555; text-indent: 0; }
.note { background: #fff7e6; padding: .3rem .6rem; text-indent: 0; }
.to { text-indent: 0; }
.sign { text-align: right; text-indent: 0; padding-right: 2em; }
@media print { .meta a { display: none; } }
</style></head><body>
<p class="meta">${esc(r.county)} · ${esc(r.township)} · ${r.year}年度 · 公开日期 ${esc(day(r.publishedAt))}${
    r.hasFile
      ? ` · <a href="/api/public/reports/${esc(r.code)}/${r.year}/docx">下载 .${r.fileType ?? 'docx'}</a>`
      : ''
  }</p>
${corrections}
<h1>${esc(title)}</h1>
${addressee ? `<p class="to">${esc(addressee)}</p>` : ''}
${lines.join('\n')}
${sign.map((l) => `<p class="sign">${esc(l)}</p>`).join('\n')}
</body></html>`;
}

/** The public index: every published report, by county and year, linking to its page. */
export function publicIndexPage(
  items: readonly {
    county: string;
    township: string;
    code: string;
    year: number;
    publishedAt: string | null;
  }[],
): string {
  const byCounty = new Map<string, typeof items>();
  for (const i of items) byCounty.set(i.county, [...(byCounty.get(i.county) ?? []), i]);
  const sections = [...byCounty]
    .map(
      ([county, list]) =>
        `<h2>${esc(county)}</h2><ul>${list
          .map(
            (i) =>
              `<li><a href="/api/public/reports/${esc(i.code)}/${i.year}">${esc(i.township)}${i.year}年度法治政府建设情况报告</a>（${esc(day(i.publishedAt))}公开）</li>`,
          )
          .join('')}</ul>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>法治政府建设年度报告公开</title>
<style>
body { max-width: 46rem; margin: 0 auto; padding: 1rem; font: 17px/1.9 sans-serif; color: #222; }
h1 { font-size: 1.4rem; } li { margin: .3rem 0; }
</style></head><body>
<h1>法治政府建设年度报告公开</h1>
${sections || '<p>暂无已公开的报告。</p>'}
</body></html>`;
}
