import { prepare, SHINGLE, type Prepared } from './shingles.ts';
import type { Passage, Similarity } from './types.ts';

/** MinHash signature size and LSH banding: 16 bands of 2 rows find segments with Jaccard ≳ 0.3. */
const BANDS = 16;
const ROWS = 2;
const HASHES = BANDS * ROWS;
/** Band collisions a pair needs to be compared exactly (a copied sentence collides in most of the 16). */
const MIN_BAND_HITS = 4;
/** Shortest passage counted as copied, in meaningful characters. */
export const MIN_PASSAGE = 24;

const SEEDS = Int32Array.from({ length: HASHES }, (_, i) => Math.imul(i + 1, 0x9e3779b1) | 1);
const XORS = Int32Array.from({ length: HASHES }, (_, i) => Math.imul(i + 7, 0x85ebca6b));

export interface CompareInput {
  name: string;
  text: string;
  /** Ranges not to count as copied (statutory headings). */
  masks?: readonly (readonly [number, number])[];
}

export interface CompareOptions {
  /** A bucket shared by more documents than this is boilerplate, not copying. Default max(5, 2% of the batch). */
  popularDocs?: number;
}

/** Min-hash signature of the shingles in [from, to). */
function signature(p: Prepared, from: number, to: number, out: Int32Array): boolean {
  out.fill(0x7fffffff);
  let any = false;
  for (let i = from; i < to; i++) {
    const h = p.hashes[i]!;
    // Half the shingles, chosen by content, so equal text still gives equal signatures.
    if (h === 0 || (h & 2) === 0) continue;
    any = true;
    for (let k = 0; k < HASHES; k++) {
      let v = Math.imul(h ^ XORS[k]!, SEEDS[k]!);
      v ^= v >>> 15;
      if (v < out[k]!) out[k] = v;
    }
  }
  return any;
}

/** Segment bounds [from, to) in kept-character indices. */
const segBounds = (p: Prepared, s: number): [number, number] => [
  p.segStarts[s] ?? p.codes.length,
  p.segStarts[s + 1] ?? p.codes.length,
];

/** A candidate pair with the segments of each that collided. */
interface Candidate {
  hits: number;
  segsA: number[];
  segsB: number[];
}

/**
 * Candidate document pairs: documents with segments in the same LSH buckets, in enough bands.
 * Buckets shared by more than `popular` documents are boilerplate and ignored.
 */
function candidates(
  docs: readonly Prepared[],
  popular: number,
  popularOut: number[][] = [],
): Map<number, Candidate> {
  const buckets = new Map<number, number[]>(); // doc and segment, interleaved
  const sig = new Int32Array(HASHES);
  docs.forEach((p, d) => {
    for (let s = 0; s < p.segStarts.length; s++) {
      const [from, end] = segBounds(p, s);
      if (!signature(p, from, Math.max(from, end - SHINGLE + 1), sig)) continue;
      for (let b = 0; b < BANDS; b++) {
        let key = Math.imul(b + 1, 0x27d4eb2d);
        for (let r = 0; r < ROWS; r++) key = Math.imul(key ^ sig[b * ROWS + r]!, 0x01000193);
        const list = buckets.get(key);
        if (!list) buckets.set(key, [d, s]);
        else if (list[list.length - 2] !== d) list.push(d, s);
      }
    }
  });
  const found = new Map<number, Candidate>();
  for (const list of buckets.values()) {
    const n = list.length / 2;
    if (n > popular) popularOut.push(list);
    if (n < 2 || n > popular) continue;
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++) {
        let [a, sa, b, sb] = [list[2 * i]!, list[2 * i + 1]!, list[2 * j]!, list[2 * j + 1]!];
        if (a === b) continue;
        if (a > b) [a, sa, b, sb] = [b, sb, a, sa];
        const key = a * docs.length + b;
        const c = found.get(key) ?? { hits: 0, segsA: [], segsB: [] };
        c.hits++;
        c.segsA.push(sa);
        c.segsB.push(sb);
        found.set(key, c);
      }
  }
  // An identical segment collides in every band; one chance collision in one band is noise.
  for (const [key, c] of found) if (c.hits < MIN_BAND_HITS) found.delete(key);
  return found;
}

/** Kept-character ranges of the given segments and their neighbours (passages may cross a boundary). */
function around(p: Prepared, segs: readonly number[]): [number, number][] {
  const set = new Set<number>();
  for (const s of segs) for (const t of [s - 1, s, s + 1]) if (t >= 0 && t < p.segStarts.length) set.add(t);
  return [...set].sort((x, y) => x - y).map((t) => segBounds(p, t));
}

/** First position of each shingle hash within the ranges. */
function index(p: Prepared, ranges: readonly [number, number][]): Map<number, number> {
  const m = new Map<number, number>();
  for (const [from, to] of ranges)
    for (let i = from; i < to && i < p.hashes.length; i++) {
      const h = p.hashes[i]!;
      if (h !== 0 && !m.has(h)) m.set(h, i);
    }
  return m;
}

interface Match {
  a: number;
  b: number;
  len: number;
}

/** Exact shared passages of two documents: maximal runs of equal characters, looked for around the colliding segments. */
function sharedRuns(
  a: Prepared,
  ia: Map<number, number>,
  b: Prepared,
  ranges: readonly [number, number][],
): Match[] {
  const out: Match[] = [];
  let skipTo = 0;
  for (const [from, to] of ranges) {
    for (let i = Math.max(from, skipTo); i < to && i < b.hashes.length; i++) {
      const h = b.hashes[i]!;
      if (h === 0) continue;
      const j = ia.get(h);
      if (j === undefined) continue;
      let len = 0;
      while (
        i + len < b.codes.length &&
        j + len < a.codes.length &&
        b.codes[i + len] !== 0 &&
        a.codes[j + len] === b.codes[i + len]
      )
        len++;
      if (len >= MIN_PASSAGE) {
        out.push({ a: j, b: i, len });
        i += len - 1;
        skipTo = i + 1;
      }
    }
  }
  return out;
}

const toPassage = (text: string, p: Prepared, from: number, len: number, otherStart: number): Passage => {
  const start = p.pos[from]!;
  const end = p.pos[from + len - 1]! + 1;
  return { text: text.slice(start, end), start, end, otherStart };
};

/**
 * Finds text shared between the documents of a batch in near-linear time: character shingles,
 * MinHash + LSH banding over sentence-group segments to find candidate pairs, then exact
 * shared-passage extraction for the candidates only. Returns, per document, its similar others.
 */
export function compareBatch(inputs: readonly CompareInput[], opts: CompareOptions = {}): Similarity[][] {
  return compareAll(inputs, opts).similarity;
}

/** A passage more reports share than the boilerplate limit: a template (模板段落) copied by many. */
export interface Template {
  text: string;
  start: number;
  end: number;
  /** The reports sharing it, this one included. */
  reports: string[];
}

/** Pairwise copied passages and, per document, the template passages it shares with many others. */
export function compareAll(
  inputs: readonly CompareInput[],
  opts: CompareOptions = {},
): { similarity: Similarity[][]; templates: Template[][] } {
  const docs = inputs.map((d) => prepare(d.text, d.masks));
  const popular = opts.popularDocs ?? Math.max(5, Math.ceil(inputs.length * 0.02));
  const popularBuckets: number[][] = [];
  const pairs = candidates(docs, popular, popularBuckets);
  const result: Similarity[][] = inputs.map(() => []);
  const runsByText = new Map<string, Set<number>>();
  const found: { a: number; b: number; runs: Match[] }[] = [];
  for (const [key, cand] of pairs) {
    const a = Math.floor(key / docs.length);
    const b = key % docs.length;
    const ia = index(docs[a]!, around(docs[a]!, cand.segsA));
    const runs = sharedRuns(docs[a]!, ia, docs[b]!, around(docs[b]!, cand.segsB));
    if (!runs.length) continue;
    found.push({ a, b, runs });
    for (const r of runs) {
      const t = inputs[a]!.text.slice(docs[a]!.pos[r.a], docs[a]!.pos[r.a + r.len - 1]! + 1);
      const s = runsByText.get(t) ?? new Set<number>();
      s.add(a).add(b);
      runsByText.set(t, s);
    }
  }
  for (const { a, b, runs } of found) {
    const da = docs[a]!;
    const db = docs[b]!;
    // A passage many documents share is boilerplate of the batch, not copying between two.
    const kept = runs.filter(
      (r) =>
        (runsByText.get(inputs[a]!.text.slice(da.pos[r.a], da.pos[r.a + r.len - 1]! + 1))?.size ?? 0) <=
        popular,
    );
    if (!kept.length) continue;
    const len = kept.reduce((s, r) => s + r.len, 0);
    result[a]!.push({
      other: inputs[b]!.name,
      shared: round(len / Math.max(1, da.length)),
      passages: kept
        .map((r) => toPassage(inputs[a]!.text, da, r.a, r.len, db.pos[r.b]!))
        .sort((x, y) => x.start - y.start),
    });
    result[b]!.push({
      other: inputs[a]!.name,
      shared: round(len / Math.max(1, db.length)),
      passages: kept
        .map((r) => toPassage(inputs[b]!.text, db, r.b, r.len, da.pos[r.a]!))
        .sort((x, y) => x.start - y.start),
    });
  }
  for (const r of result) r.sort((x, y) => y.shared - x.shared);
  return { similarity: result, templates: templates(inputs, docs, popularBuckets, popular) };
}

/**
 * Template passages: segments that collide in popular buckets in enough bands are grouped
 * (union–find); in each group shared by more than `popular` documents, the first document's
 * passage is compared exactly with each other member, and the stretches more than `popular`
 * documents share are templates.
 */
function templates(
  inputs: readonly CompareInput[],
  docs: readonly Prepared[],
  buckets: readonly number[][],
  popular: number,
): Template[][] {
  const out: Template[][] = inputs.map(() => []);
  if (!buckets.length) return out;
  const key = (d: number, s: number) => d * 1_000_003 + s;
  const hits = new Map<number, number>();
  for (const list of buckets)
    for (let i = 0; i < list.length; i += 2) {
      const k = key(list[i]!, list[i + 1]!);
      hits.set(k, (hits.get(k) ?? 0) + 1);
    }
  const parent = new Map<number, number>();
  const find = (k: number): number => {
    let r = k;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
    parent.set(k, r);
    return r;
  };
  for (const list of buckets) {
    let first: number | undefined;
    for (let i = 0; i < list.length; i += 2) {
      const k = key(list[i]!, list[i + 1]!);
      if ((hits.get(k) ?? 0) < MIN_BAND_HITS) continue;
      if (first === undefined) first = find(k);
      else parent.set(find(k), first);
    }
  }
  const groups = new Map<number, Map<number, number[]>>(); // root → doc → segments
  for (const k of hits.keys()) {
    if ((hits.get(k) ?? 0) < MIN_BAND_HITS) continue;
    const root = find(k);
    const g = groups.get(root) ?? new Map<number, number[]>();
    const d = Math.floor(k / 1_000_003);
    g.set(d, [...(g.get(d) ?? []), k % 1_000_003]);
    groups.set(root, g);
  }
  for (const g of groups.values()) {
    if (g.size <= popular) continue;
    const [first, ...rest] = [...g.entries()].sort((a, b) => a[0] - b[0]);
    if (!first) continue;
    const [d0, segs0] = first;
    const a = docs[d0]!;
    const ia = index(a, around(a, segs0));
    // Per character of the first document's passage: the documents whose copy covers it.
    const cover = new Map<number, { d: number; at: number }[]>();
    for (const [d, segs] of rest)
      for (const r of sharedRuns(a, ia, docs[d]!, around(docs[d]!, segs)))
        for (let i = 0; i < r.len; i++) {
          const list = cover.get(r.a + i) ?? [];
          if (list.at(-1)?.d !== d) list.push({ d, at: r.b + i });
          cover.set(r.a + i, list);
        }
    const positions = [...cover.keys()].sort((x, y) => x - y);
    let i = 0;
    while (i < positions.length) {
      let j = i;
      const common = (p: number) => cover.get(p)!.length + 1 > popular;
      if (!common(positions[i]!)) {
        i++;
        continue;
      }
      while (j + 1 < positions.length && positions[j + 1] === positions[j]! + 1 && common(positions[j + 1]!))
        j++;
      const from = positions[i]!;
      const len = positions[j]! - from + 1;
      if (len >= MIN_PASSAGE) {
        const members = new Map<number, number>([[d0, from]]);
        for (const c of cover.get(from)!)
          if (cover.get(from + len - 1)!.some((e) => e.d === c.d)) members.set(c.d, c.at);
        const reports = [...members.keys()].map((d) => inputs[d]!.name);
        for (const [d, at] of members) {
          const p = toPassage(inputs[d]!.text, docs[d]!, at, len, 0);
          out[d]!.push({ text: p.text, start: p.start, end: p.end, reports });
        }
      }
      i = j + 1;
    }
  }
  return out;
}

const round = (x: number) => Math.round(x * 1000) / 1000;
