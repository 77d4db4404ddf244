import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogueMarkdown } from './doc.ts';
import { indicators } from './indicators.ts';
import { kinds } from './kinds.ts';

describe('catalogue', () => {
  it('declares every key of shared/docs/indicators.md exactly once', () => {
    const keys = indicators.map((i) => i.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toContain('disputes.resolution_rate');
    expect(keys).toHaveLength(56);
  });

  it('refers only to declared kinds and fields', () => {
    for (const ind of indicators) {
      const f = ind.formula;
      for (const a of f.op === 'rate' ? [f.num, f.den] : [f]) {
        const kind = kinds.find((k) => k.id === a.kind);
        expect(kind, ind.key).toBeDefined();
        const fieldKeys = kind!.fields.map((x) => x.key);
        if ('field' in a) expect(fieldKeys, ind.key).toContain(a.field);
        const conds = (a.where ?? []).flatMap((c) => ('any' in c ? c.any : [c]));
        for (const c of conds) if ('field' in c) expect(fieldKeys, ind.key).toContain(c.field);
      }
    }
  });

  it('gives every kind unique ids, labels and field keys, and registry kinds an end label', () => {
    expect(new Set(kinds.map((k) => k.id)).size).toBe(kinds.length);
    expect(new Set(kinds.map((k) => k.label)).size).toBe(kinds.length);
    for (const k of kinds) {
      const keys = k.fields.map((f) => f.key);
      expect(new Set(keys).size, k.id).toBe(keys.length);
      expect(Boolean(k.endLabel), k.id).toBe(k.temporal === 'registry');
      expect(k.practices.length, k.id).toBeGreaterThan(0);
    }
  });

  it('keeps docs/catalogue.md in step with the code', () => {
    expect(readFileSync(new URL('../../docs/catalogue.md', import.meta.url), 'utf8')).toBe(
      catalogueMarkdown(),
    );
  });
});
