import { prepare, SHINGLE, type Prepared } from './shingles.ts';
import type { Passage, Similarity } from './types.ts';

/** MinHash signature size and LSH banding: 16 bands of 2 rows find segments with Jaccard ≳ 0.3. */
const BANDS = 16;
const ROWS = 2;
const HASHES = BANDS * ROWS;
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
  /** A bucket shared by more documents than this is boilerplate, not copying. Default max(5, 10% of the batch). */
  popularDocs?: number;
}

/** Min-hash signature of the shingles in [from, to). */
function signature(p: Prepared, from: number, to: number, out: Int32Array): boolean {
  out.fill(0x7fffffff);
  let any = false;
  for (let i = from; i < to; i++) {
    const h = p.hashes[i]!;
    if (h === 0) continue;
    any = true;
    for (let k = 0; k < HASHES; k++) {
      let v = Math.imul(h ^ XORS[k]!, SEEDS[k]!);
      v ^= v >>> 15;
      if (v < out[k]!) out[k] = v;
    }
  }
  return any;
}

/** Candidate document pairs: documents with a segment in the same LSH bucket. Popular buckets are boilerplate. */
function candidates(docs: readonly Prepared[], popular: number): Set<number> {
  const buckets = new Map<number, number[]>();
  const sig = new Int32Array(HASHES);
  docs.forEach((p, d) => {
    for (let s = 0; s < p.segStarts.length; s++) {
      const from = p.segStarts[s]!;
      const to = Math.max(from, (p.segStarts[s + 1] ?? p.codes.length) - SHINGLE + 1);
      if (!signature(p, from, to, sig)) continue;
      for (let b = 0; b < BANDS; b++) {
        let key = Math.imul(b + 1, 0x27d4eb2d);
        for (let r = 0; r < ROWS; r++) key = Math.imul(key ^ sig[b * ROWS + r]!, 0x01000193);
        const list = buckets.get(key);
        if (!list) buckets.set(key, [d]);
        else if (list[list.length - 1] !== d) list.push(d);
      }
    }
  });
  const pairs = new Set<number>();
  for (const list of buckets.values()) {
    if (list.length < 2 || list.length > popular) continue;
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) {
        const a = Math.min(list[i]!, list[j]!);
        const b = Math.max(list[i]!, list[j]!);
        if (a !== b) pairs.add(a * docs.length + b);
      }
  }
  return pairs;
}

/** First position of each shingle hash in a document. */
function index(p: Prepared): Map<number, number> {
  const m = new Map<number, number>();
  for (let i = 0; i < p.hashes.length; i++) {
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

/** Exact shared passages of two documents: maximal runs of equal meaningful characters. */
function sharedRuns(a: Prepared, ia: Map<number, number>, b: Prepared): Match[] {
  const out: Match[] = [];
  for (let i = 0; i < b.hashes.length; i++) {
    const h = b.hashes[i]!;
    if (h === 0) continue;
    const j = ia.get(h);
    if (j === undefined) continue;
    let len = 0;
    while (i + len < b.codes.length && j + len < a.codes.length && b.codes[i + len] !== 0 && a.codes[j + len] === b.codes[i + len]) len++;
    if (len >= MIN_PASSAGE) {
      out.push({ a: j, b: i, len });
      i += len - 1;
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
  const docs = inputs.map((d) => prepare(d.text, d.masks));
  const popular = opts.popularDocs ?? Math.max(5, Math.ceil(inputs.length * 0.1));
  const pairs = candidates(docs, popular);
  const result: Similarity[][] = inputs.map(() => []);
  const indexes = new Map<number, Map<number, number>>();
  const runsByText = new Map<string, Set<number>>();
  const found: { a: number; b: number; runs: Match[] }[] = [];
  for (const key of pairs) {
    const a = Math.floor(key / docs.length);
    const b = key % docs.length;
    let ia = indexes.get(a);
    if (!ia) indexes.set(a, (ia = index(docs[a]!)));
    const runs = sharedRuns(docs[a]!, ia, docs[b]!);
    if (!runs.length) continue;
    found.push({ a, b, runs });
    for (const r of runs) {
      const t = inputs[a]!.text.slice(docs[a]!.pos[r.a]!, docs[a]!.pos[r.a + r.len - 1]! + 1);
      const s = runsByText.get(t) ?? new Set<number>();
      s.add(a).add(b);
      runsByText.set(t, s);
    }
  }
  for (const { a, b, runs } of found) {
    const da = docs[a]!;
    const db = docs[b]!;
    // A passage many documents share is boilerplate of the batch, not copying between two.
    const kept = runs.filter((r) => (runsByText.get(inputs[a]!.text.slice(da.pos[r.a]!, da.pos[r.a + r.len - 1]! + 1))?.size ?? 0) <= popular);
    if (!kept.length) continue;
    const len = kept.reduce((s, r) => s + r.len, 0);
    result[a]!.push({
      other: inputs[b]!.name,
      shared: round(len / Math.max(1, da.length)),
      passages: kept.map((r) => toPassage(inputs[a]!.text, da, r.a, r.len, db.pos[r.b]!)).sort((x, y) => x.start - y.start),
    });
    result[b]!.push({
      other: inputs[a]!.name,
      shared: round(len / Math.max(1, db.length)),
      passages: kept.map((r) => toPassage(inputs[b]!.text, db, r.b, r.len, da.pos[r.a]!)).sort((x, y) => x.start - y.start),
    });
  }
  for (const r of result) r.sort((x, y) => y.shared - x.shared);
  return result;
}

const round = (x: number) => Math.round(x * 1000) / 1000;
