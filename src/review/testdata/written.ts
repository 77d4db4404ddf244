/**
 * Texts written for the test by writers who had not read the reviewer's rules (no real report's
 * text), each labelled by its writer: openings of reports as a county officer meets them (web
 * pages with their furniture, .docx texts, hard cases) with the township and the year;
 * passages with several figures under one key and the headline a county wants; clean passages
 * and passages with one planted problem. Passages that began at “（一）” were given the part
 * heading above them, so that they read as the body of a report rather than a report without its
 * first level.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyse } from '../analyse.ts';
import { reviewHeadline } from '../export.ts';
import { readDocument } from '../read.ts';
import type { Finding, ReviewResult } from '../types.ts';

interface Opening {
  text: string;
  kind: 'web' | 'docx' | 'hard';
  org: string | null;
  year: number | null;
  why: string;
}
interface HeadlineCase {
  text: string;
  /** A key's headline value, or "unsettled" when separate figures have no total. */
  headlines: Record<string, number | 'unsettled'>;
  why: string;
}
interface Proofread {
  text: string;
  set: 'clean' | 'flawed';
  /** The planted problem's text ('' in a clean passage). */
  problem: string;
  kind: string;
  year: number;
}

const load = <T>(name: string): T[] =>
  JSON.parse(readFileSync(join(import.meta.dirname, 'written', name), 'utf8')) as T[];

const review = (text: string, published: boolean): ReviewResult =>
  analyse(readDocument('written.txt', Buffer.from(text)), published ? { profile: 'published' } : {});

export interface WrittenScore {
  right: number;
  total: number;
  /** One line per miss, to tune on. */
  misses: string[];
}

/** Township and year of each opening (web and hard ones read as published copies). */
export function scoreOpenings(): { org: WrittenScore; year: WrittenScore } {
  const org: WrittenScore = { right: 0, total: 0, misses: [] };
  const year: WrittenScore = { right: 0, total: 0, misses: [] };
  load<Opening>('openings.json').forEach((x, i) => {
    const r = review(x.text, x.kind !== 'docx');
    org.total++;
    year.total++;
    if ((r.org || null) === x.org) org.right++;
    else org.misses.push(`opening ${i}: org ${r.org || null}, want ${x.org} (${x.why})`);
    if ((r.year ?? null) === x.year) year.right++;
    else year.misses.push(`opening ${i}: year ${r.year}, want ${x.year} (${x.why})`);
  });
  return { org, year };
}

/**
 * The headline of each labelled key: right when it is the labelled value, or, for an unsettled
 * key, when the reviewer says it is unsure (or gives none).
 */
export function scoreHeadlines(): WrittenScore {
  const s: WrittenScore = { right: 0, total: 0, misses: [] };
  load<HeadlineCase>('headlines.json').forEach((x, i) => {
    const r = review(x.text, true);
    for (const [key, want] of Object.entries(x.headlines)) {
      s.total++;
      const h = reviewHeadline(r, key);
      const right = want === 'unsettled' ? !h || h.unsure : !!h && Math.abs(h.figure.value - want) < 1e-9;
      if (right) s.right++;
      else s.misses.push(`headline ${i} ${key}: ${h ? h.figure.value : '—'}, want ${want} (${x.why})`);
    }
  });
  return s;
}

/** Findings a passage is expected to have: not the parts, 落款 or 主送机关 it was cut without. */
const counted = (f: Finding) =>
  f.severity !== 'info' && !/^parts\.|^format\.(signature|addressee)$|^similarity/.test(f.rule);

/**
 * Clean passages: every finding is noise. Flawed ones: the planted problem found (a finding whose
 * text holds it or is held by it), and any other finding is noise.
 */
export function scoreProofread(): { clean: WrittenScore; flawed: WrittenScore; noise: number } {
  const clean: WrittenScore = { right: 0, total: 0, misses: [] };
  const flawed: WrittenScore = { right: 0, total: 0, misses: [] };
  let noise = 0;
  load<Proofread>('proofread.json').forEach((x, i) => {
    const found = review(x.text, false).findings.filter(counted);
    const hits = found.filter((f) => x.problem && (f.text.includes(x.problem) || x.problem.includes(f.text)));
    const others = found.filter((f) => !hits.includes(f));
    noise += others.length;
    for (const f of others)
      (x.set === 'clean' ? clean : flawed).misses.push(`passage ${i}: ${f.rule} «${f.text}»`);
    const s = x.set === 'clean' ? clean : flawed;
    s.total++;
    if (x.set === 'clean' ? found.length === 0 : hits.length > 0) s.right++;
    else if (x.set === 'flawed') flawed.misses.push(`passage ${i}: missed ${x.kind} «${x.problem}»`);
  });
  return { clean, flawed, noise };
}
