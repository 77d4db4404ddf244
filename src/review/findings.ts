import { checks, type CheckContext } from './checks.ts';
import { figureChecks } from './checks-figures.ts';
import { yearChecks } from './checks-years.ts';
import { rules as builtIn, type RuleSpec } from './rules.ts';
import type { Finding } from './types.ts';

const allChecks = { ...checks, ...figureChecks, ...yearChecks };

/** Each expression of the rule table compiled once (patterns, their `unless`, `unlessDocument`). */
const compiled = new Map<string, RegExp>();
function cached(source: string, flags = ''): RegExp {
  const key = `${source}/${flags}`;
  let re = compiled.get(key);
  if (!re) {
    re = new RegExp(source, flags);
    compiled.set(key, re);
  }
  re.lastIndex = 0;
  return re;
}
const regex = (r: RuleSpec): RegExp => cached(r.pattern ?? '', (r.flags ?? '').replace('g', '') + 'g');

/** Quotes inside a quoted phrase become single quotes, as Chinese nesting requires: “‘七五’普法”. */
const nested = (s: string): string => s.replaceAll('“', '‘').replaceAll('”', '’');

function fill(msg: string, v: { text: string; year: number | null; fix?: string; detail?: string }): string {
  return msg
    .replaceAll('“{text}”', `“${nested(v.text)}”`)
    .replaceAll('{text}', v.text)
    .replaceAll('{year}', v.year === null ? '本' : String(v.year))
    .replaceAll('{fix}', v.fix ?? '')
    .replaceAll('{detail}', v.detail ?? '');
}

/** Checks a rule table is usable: each rule has a pattern that compiles or a known check. */
export function validateRules(rules: readonly RuleSpec[]): string[] {
  const errors: string[] = [];
  for (const r of rules) {
    if (!r.id || !['error', 'warning', 'info'].includes(r.severity) || !r.message)
      errors.push(`规则“${r.id}”缺少 id、severity 或 message`);
    if (r.check !== undefined && !(r.check in allChecks))
      errors.push(`规则“${r.id}”的检查“${r.check}”不存在`);
    if (r.check === undefined && r.pattern === undefined) errors.push(`规则“${r.id}”需要 pattern 或 check`);
    if (r.pattern !== undefined || r.unlessDocument !== undefined) {
      try {
        new RegExp(r.pattern ?? '', r.flags);
        new RegExp(r.unlessDocument ?? '');
        new RegExp(r.trimStart ?? '');
      } catch {
        errors.push(`规则“${r.id}”的正则表达式无效`);
      }
    }
  }
  return errors;
}

/** Runs every rule over the analysed document. Findings come back in text order. */
export function runRules(c: CheckContext, rules: readonly RuleSpec[] = builtIn): Finding[] {
  const out: Finding[] = [];
  // The document's opening, for the rules that do not apply to some kinds of document.
  const opening = c.text.slice(0, 3000);
  for (const r of rules) {
    if (r.minYear !== undefined && (c.year === null || c.year < r.minYear)) continue;
    if (r.unlessDocument && cached(r.unlessDocument).test(opening)) continue;
    if (r.check !== undefined) {
      const check = allChecks[r.check];
      if (!check) continue;
      for (const h of check(c)) {
        out.push({
          rule: r.id,
          severity: r.severity,
          message: fill(r.message, { ...h, year: c.year }),
          text: h.text,
          start: h.start,
        });
      }
      continue;
    }
    const unless = r.unless ? cached(r.unless) : undefined;
    for (const m of c.text.matchAll(regex(r))) {
      if (c.onPage(m.index)) continue;
      if (unless && unless.test(c.text.slice(Math.max(0, m.index - 20), m.index + m[0].length + 20)))
        continue;
      const lead = r.trimStart ? (cached(r.trimStart).exec(m[0])?.[0].length ?? 0) : 0;
      const start = m.index + lead;
      const text = c.text.slice(start, m.index + m[0].length);
      const fix = r.fix ? m[0].slice(lead).replaceAll(r.fix[0], r.fix[1]) : undefined;
      out.push({
        rule: r.id,
        severity: r.severity,
        message: fill(r.message, { text, year: c.year, fix }),
        text,
        start,
      });
    }
  }
  return foldRepeats(out.sort((a, b) => a.start - b.start));
}

/**
 * One finding per problem: the same rule flagging the same text again (标准性文件 four times) is
 * the first finding with the other places in `also`, and its message says how many there are.
 */
function foldRepeats(sorted: readonly Finding[]): Finding[] {
  const first = new Map<string, Finding>();
  // Where each finding is already: two rules flagging one place the same way are one finding.
  const places = new Set<string>();
  const out: Finding[] = [];
  for (const f of sorted) {
    const key = `${f.rule}\u0000${f.text}\u0000${f.message}`;
    const place = `${key}\u0000${f.start}`;
    if (f.text && places.has(place)) continue;
    places.add(place);
    const seen = f.text ? first.get(key) : undefined;
    if (seen) (seen.also ??= []).push(f.start);
    else {
      first.set(key, f);
      out.push(f);
    }
  }
  for (const f of out) if (f.also) f.message = `${f.message}（全文共${f.also.length + 1}处）`;
  return out;
}
