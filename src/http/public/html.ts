/**
 * HTML for the public portal, escaped on the server: every value interpolated into `html`
 * is escaped unless it is itself `Html`, so a resident's text can never become markup.
 */
export interface Html {
  readonly __html: string;
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

type Part = Html | string | number | null | undefined | false | readonly Part[];

function render(p: Part): string {
  if (p === null || p === undefined || p === false) return '';
  if (Array.isArray(p)) return (p as readonly Part[]).map(render).join('');
  if (typeof p === 'object') return (p as Html).__html;
  return esc(String(p));
}

/** Tagged template: `html\`<p>${text}</p>\`` escapes `text`; nested `html` and arrays of it stay markup. */
export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? '');
  return { __html: out };
}

/** Markup written by the server itself (never request data). */
export const trusted = (s: string): Html => ({ __html: s });

/** 2026年12月3日 from an ISO date or time. */
export const chineseDay = (iso: string | null | undefined): string =>
  iso ? `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日` : '';

/** Multi-line text as paragraphs. */
export const paragraphs = (text: string): Html[] =>
  text
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .map((l) => html`<p>${l}</p>`);
