import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyse } from '../src/review/analyse.ts';
import { readDocument } from '../src/review/read.ts';
import { compareBatch } from '../src/review/similarity.ts';
import { bestOf, fmt, type Bench } from './harness.ts';

const testdata = join(dirname(fileURLToPath(import.meta.url)), '../src/review/testdata');

/** Sentences of the labelled test set, the material synthetic reports are made of. */
function sentences(): string[] {
  const out: string[] = [];
  for (const sub of ['corpus', 'own']) {
    for (const n of readdirSync(join(testdata, sub)).sort()) {
      const text = readDocument(n, readFileSync(join(testdata, sub, n))).text;
      out.push(...(text.match(/[^。；\n]{8,}[。；]/g) ?? []));
    }
  }
  return out;
}

/** mulberry32: a small seeded generator, so every run builds the same reports. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HEADS = ['一、主要举措和成效', '二、存在的不足和原因', '三、下一步工作安排'];
const SUBS = ['（一）', '（二）', '（三）', '（四）'];

/**
 * `n` reports of about `size` characters: test-set sentences with their numbers changed and one
 * character in ten replaced (so sentences are not all verbatim shared), and in every tenth
 * report a paragraph copied from another report.
 */
export function syntheticReports(n: number, size = 10_000): string[] {
  const pool = sentences();
  const chars = [...pool.join('').replace(/[^\u4e00-\u9fa5]/g, '')];
  const docs: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = rng(i + 1);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
    let text = `第${i}号镇2023年法治政府建设情况报告\n县委全面依法治县委员会：\n`;
    for (let h = 0; h < 3; h++) {
      text += HEADS[h] + '\n';
      for (let s = 0; s < 4 && text.length < ((h + 1) * size) / 3; s++) {
        let para = SUBS[s]!;
        while (para.length < size / 12) {
          const sent = pick(pool).replace(/\d+/g, () => String(Math.floor(r() * 500)));
          para += [...sent].map((c) => (/[\u4e00-\u9fa5]/.test(c) && r() < 0.1 ? pick(chars) : c)).join('');
        }
        text += para + '\n';
      }
    }
    if (i % 10 === 9 && docs.length) {
      const src = docs[Math.floor(r() * docs.length)]!;
      const from = Math.floor(r() * (src.length - 400));
      text += src.slice(from, from + 300) + '\n';
    }
    docs.push(text + `第${i}号镇人民政府\n2024年1月10日\n`);
  }
  return docs;
}

export const bench: Bench = {
  name: '报告审阅',
  async run(ctx) {
    const one = syntheticReports(ctx.quick ? 20 : 200);
    const docs = one.map((t, i) => ({
      name: `r${i}.txt`,
      text: t,
      outline: new Map<number, number>(),
      tables: [],
      artifacts: [],
    }));
    const ms = await bestOf(ctx.quick ? 1 : 3, () => docs.forEach((d) => analyse(d)));
    const rate = docs.length / (ms / 1000);

    const batch = syntheticReports(ctx.quick ? 200 : 1000);
    const simMs = await bestOf(1, () => compareBatch(batch.map((t, i) => ({ name: `r${i}`, text: t }))));
    const secs = simMs / 1000;
    return [
      {
        name: `单份报告审阅（1 万字，单核，${docs.length} 份）`,
        measured: `${fmt(rate)} 份/秒`,
        limit: '100 份/秒',
        ratio: rate / 100,
        target: '≥ 1.00',
        pass: rate >= 100,
      },
      {
        name: `批量相似度（${batch.length} 份）`,
        measured: `${fmt(secs, 2)} 秒`,
        limit: '10 秒',
        ratio: secs / 10,
        target: '≤ 1.00',
        pass: secs <= 10,
      },
    ];
  },
};
