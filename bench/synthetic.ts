import type { Field } from '../src/catalogue/fields.ts';
import { kinds, type RecordKind } from '../src/catalogue/kinds.ts';
import type { OrgDraft } from '../src/services/records.ts';

/** A small seeded PRNG (mulberry32): benchmark data is the same on every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function fieldValue(f: Field, r: () => number, year: number): unknown {
  switch (f.type) {
    case 'text':
      return !f.required && r() < 0.3 ? undefined : `内容${Math.floor(r() * 1000)}`;
    case 'int':
      return Math.floor(r() * Math.min(f.max ?? 500, 500));
    case 'number':
      return Math.round(r() * Math.min(f.max ?? 100, 100));
    case 'date':
      return !f.required && r() < 0.3
        ? undefined
        : `${year}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
    case 'bool':
      return r() < 0.5;
    case 'enum':
      return f.options[Math.floor(r() * f.options.length)]!.label;
  }
}

/**
 * `n` drafts spread over the kinds and over one year, with values of every field type, as a sheet
 * would give them (enum labels in Chinese). Row i is unique by its title.
 */
export function syntheticDrafts(
  n: number,
  year: number,
  seed = 1,
  only?: RecordKind,
): { kind: RecordKind; draft: OrgDraft }[] {
  const r = rng(seed);
  const out: { kind: RecordKind; draft: OrgDraft }[] = [];
  for (let i = 0; i < n; i++) {
    const kind = only ?? kinds[i % kinds.length]!;
    const data: Record<string, unknown> = {};
    for (const f of kind.fields) {
      const v = fieldValue(f, r, year);
      if (v !== undefined) data[f.key] = v;
    }
    for (const [a, b] of kind.notGreater ?? []) {
      if (typeof data[a] === 'number' && typeof data[b] === 'number' && data[a] > data[b]) data[a] = data[b];
    }
    if (kind.id === 'commitment') data.targetYear = year + 1;
    const month = 1 + Math.floor(r() * 12);
    out.push({
      kind,
      draft: {
        date: `${year}-${String(month).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`,
        title: `${kind.label}${i}`,
        data,
      },
    });
  }
  return out;
}
