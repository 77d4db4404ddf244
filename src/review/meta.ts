import type { Heading } from './types.ts';

/** The title: the first non-empty lines before the body, joined (titles often wrap onto two lines). */
export function findTitle(text: string, headings: readonly Heading[]): { title: string; end: number } {
  const firstHeading = headings[0]?.start ?? text.length;
  const parts: string[] = [];
  let offset = 0;
  let end = 0;
  for (const raw of text.split('\n')) {
    const lineStart = offset;
    offset += raw.length + 1;
    const line = raw.trim();
    if (!line) {
      if (parts.length && parts.join('').includes('报告')) break;
      continue;
    }
    if (lineStart >= firstHeading || line.length > 50 || /[：:]$/.test(line) || /[。；]/.test(line)) break;
    parts.push(line);
    end = lineStart + raw.length;
    if (/报告$|情况$|总结$/.test(line) || parts.length >= 3) break;
  }
  return { title: parts.join(''), end };
}

const ORG_SUFFIX = /(镇|乡|街道|街道办事处|办事处)/;

/** The township from the title or body: 弋阳县曹溪镇人民政府 → 曹溪镇, 2023年新店坪镇… → 新店坪镇. */
export function findOrg(title: string, text: string): string {
  const fromTitle = orgIn(title);
  if (fromTitle) return fromTitle;
  const counts = new Map<string, number>();
  for (const m of text.slice(0, 3000).matchAll(/[\u4e00-\u9fa5]{2,4}(?:镇|乡|街道)/g)) {
    const o = orgIn(m[0]);
    if (o) counts.set(o, (counts.get(o) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
}

function orgIn(s: string): string {
  for (const m of s.matchAll(/[\u4e00-\u9fa5]{1,12}?(?:镇|乡|街道)/g)) {
    // Keep what follows the last county/city/year word: 弋阳县曹溪镇 → 曹溪镇.
    const name = m[0].replace(/^.*?(?:[县市区州旗]|年度?|关于)(?=[\u4e00-\u9fa5]{1,8}(?:镇|乡|街道)$)/, '');
    const core = name.replace(ORG_SUFFIX, '');
    if (core.length < 1 || /^(我|本|全|各|乡|城|村|集|重|小|市|县)/.test(name) || /^(乡|城)镇$/.test(name))
      continue;
    if (core.length > 6) continue;
    return name;
  }
  return '';
}

/** The report's year: from the title (2023年), else the first year in the body, else null. */
export function findYear(title: string, text: string): number | null {
  const m = /(20\d{2})\s*年/.exec(title) ?? /(20\d{2})\s*年/.exec(text.slice(0, 2000));
  return m ? Number(m[1]) : null;
}
