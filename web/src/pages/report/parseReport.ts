/** The generated report's HTML made safe to show inside the app, with its placeholder list taken out. */
export interface ParsedReport {
  /** Body markup without scripts, event handlers or the report's own page-wide styles. */
  readonly body: string;
  /** 待补充事项: data the ledger lacks, to be filled in before the report is final. */
  readonly placeholders: readonly string[];
  /** Figures linked to their records. */
  readonly figures: number;
}

export function parseReport(html: string): ParsedReport {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  doc.querySelectorAll('script, style, link, iframe, object').forEach((n) => n.remove());
  doc.querySelectorAll('*').forEach((el) => {
    for (const a of [...el.attributes]) if (a.name.startsWith('on')) el.removeAttribute(a.name);
  });
  // Figure links point at the JSON API; in the app a click opens the records instead.
  doc.querySelectorAll('a.fig').forEach((a) => a.setAttribute('href', '#'));
  const heading = [...doc.querySelectorAll('h2')].find((h) => h.textContent?.includes('待补充事项'));
  const list = heading?.nextElementSibling;
  const placeholders =
    list?.tagName === 'OL' ? [...list.querySelectorAll('li')].map((li) => li.textContent ?? '') : [];
  heading?.remove();
  if (list?.tagName === 'OL') list.remove();
  return { body: doc.body.innerHTML, placeholders, figures: doc.querySelectorAll('.fig[data-key]').length };
}
