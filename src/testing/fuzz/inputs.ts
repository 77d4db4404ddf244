import { crc32 } from 'node:zlib';
import { deflateSync, strToU8, unzipSync } from 'fflate';
import iconv from 'iconv-lite';
import { buildDocxReport } from '../../review/testdata/docx-report.ts';
import { docxOf, prng, xlsxOf } from '../synthetic-files.ts';
import { filledTemplate } from '../workbooks.ts';
import { ATTRS, TAGS, TEXTS, VALUES } from './words.ts';

/**
 * Malformed inputs for the fuzz run: valid files made at run time (seeds), then mutated by a
 * seeded PRNG — bit flips, truncation, duplicated and removed zip members, zip headers that lie,
 * huge declared sizes, random and deeply nested XML, invalid UTF-8 and GBK, huge cells, bombs.
 */

export type FileKind = 'docx' | 'xlsx' | 'csv' | 'txt' | 'png' | 'pdf';

interface Seed {
  readonly kind: FileKind;
  readonly bytes: Uint8Array;
  /** A zip's members, for mutations that rebuild the archive. */
  readonly members?: Readonly<Record<string, Uint8Array>>;
}

export interface FuzzInput {
  readonly name: string;
  readonly kind: FileKind;
  readonly bytes: Uint8Array;
  /** The mutations applied, in order: how to read a failure. */
  readonly how: string;
}

const REPORT = [
  '青石镇2024年度法治政府建设情况报告',
  '一、2024年度推进法治政府建设的主要举措和成效',
  '（一）全年开展普法宣传活动126场，受众1.2万人次；化解矛盾纠纷312件，化解率97.4%。',
  '二、存在的不足和原因',
  '三、党政主要负责人履行推进法治建设第一责任人职责情况',
  '四、2025年度推进法治政府建设的主要安排',
];
const CSV = [
  '日期,标题,活动形式,受众人数',
  '2024-03-01,“三八”普法宣传,集中宣传,120',
  '2024-04-15,"送法进村, 第二场",讲座,45',
];

/** A 1×1 PNG and the smallest PDF file-type accepts. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const PDF =
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n' +
  'trailer<</Root 1 0 R>>\n%%EOF\n';

/** The seeds: every reader's formats as real programs write them. */
export async function makeSeeds(): Promise<Seed[]> {
  const zipSeed = (kind: FileKind, bytes: Uint8Array): Seed => ({ kind, bytes, members: unzipSync(bytes) });
  const text = REPORT.join('\n');
  return [
    zipSeed('docx', docxOf(REPORT)),
    zipSeed('docx', await buildDocxReport()),
    zipSeed(
      'xlsx',
      xlsxOf(
        '普法宣传',
        CSV.map((l) => l.split(',')),
      ),
    ),
    zipSeed(
      'xlsx',
      await filledTemplate('dispute', [[new Date('2024-03-01'), '邻里纠纷', '其他', '已化解']]),
    ),
    { kind: 'csv', bytes: strToU8(CSV.join('\r\n')) },
    { kind: 'csv', bytes: iconv.encode(CSV.join('\n'), 'gbk') },
    { kind: 'txt', bytes: strToU8(text) },
    { kind: 'txt', bytes: iconv.encode(text, 'gbk') },
    { kind: 'txt', bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]) },
    // Evidence types, so the type check sees files it accepts, and the other readers see them too.
    { kind: 'png', bytes: PNG },
    { kind: 'pdf', bytes: strToU8(PDF) },
  ];
}

type Rnd = () => number;
const int = (r: Rnd, n: number): number => Math.floor(r() * n);
const pick = <T>(r: Rnd, xs: readonly T[]): T => xs[int(r, xs.length)]!;

/** A zip written by hand, so its members may repeat and its headers may say anything. */
interface RawMember {
  readonly name: string;
  readonly data: Uint8Array;
  readonly stored?: boolean;
  /** Sizes the headers declare instead of the true ones. */
  readonly declared?: number;
  readonly compressed?: number;
}

export function rawZip(members: readonly RawMember[]): Uint8Array {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const m of members) {
    const name = Buffer.from(m.name);
    const body = m.stored ? m.data : deflateSync(m.data);
    const crc = crc32(m.data);
    const head = (sig: number, size: number): Buffer => {
      const b = Buffer.alloc(size);
      b.writeUInt32LE(sig, 0);
      return b;
    };
    const l = head(0x04034b50, 30);
    l.writeUInt16LE(20, 4);
    l.writeUInt16LE(0x800, 6);
    l.writeUInt16LE(m.stored ? 0 : 8, 8);
    l.writeUInt32LE(crc, 14);
    l.writeUInt32LE((m.compressed ?? body.length) >>> 0, 18);
    l.writeUInt32LE((m.declared ?? m.data.length) >>> 0, 22);
    l.writeUInt16LE(name.length, 26);
    const c = head(0x02014b50, 46);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(0x800, 8);
    c.writeUInt16LE(m.stored ? 0 : 8, 10);
    c.writeUInt32LE(crc, 16);
    c.writeUInt32LE((m.compressed ?? body.length) >>> 0, 20);
    c.writeUInt32LE((m.declared ?? m.data.length) >>> 0, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    local.push(l, name, Buffer.from(body));
    central.push(c, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, cd, end]);
}

/** Random, often ill-formed XML over the tags the readers look for. */
function randomXml(r: Rnd): string {
  const out: string[] = [r() < 0.5 ? '<?xml version="1.0" encoding="UTF-8"?>' : ''];
  if (r() < 0.05) out.push('<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>');
  const open: string[] = [];
  const n = 1 + int(r, 300);
  for (let i = 0; i < n; i++) {
    const x = r();
    if (x < 0.4) {
      const tag = pick(r, TAGS);
      const attrs = Array.from({ length: int(r, 3) }, () => ` ${pick(r, ATTRS)}="${pick(r, VALUES)}"`).join(
        '',
      );
      if (r() < 0.2) out.push(`<${tag}${attrs}/>`);
      else {
        out.push(`<${tag}${attrs}>`);
        open.push(tag);
      }
    } else if (x < 0.7) out.push(pick(r, TEXTS));
    else if (open.length) out.push(`</${r() < 0.9 ? open.pop() : pick(r, TAGS)}>`);
  }
  if (r() < 0.7) while (open.length) out.push(`</${open.pop()}>`);
  return out.join('');
}

/** Elements nested this deep: a recursive reader would overflow its stack. */
const deepXml = (r: Rnd): string => {
  const depth = 1_000 + int(r, 200_000);
  const tag = pick(r, ['w:p', 'w:r', 'row', 'c', 'si', 'w:tbl']);
  return `<${tag}>`.repeat(depth) + (r() < 0.5 ? `</${tag}>`.repeat(depth) : '');
};

/** One cell, run or line of 1–4 MB. */
const hugeText = (r: Rnd): string =>
  pick(r, ['法', 'a', '1', ',', '"', '\u3000']).repeat(1_000_000 + int(r, 3_000_000));

/** Invalid UTF-8 and broken GBK: lone continuation bytes, lead bytes with no trail, overlong forms. */
function badBytes(r: Rnd): Uint8Array {
  const pool = [
    0x80, 0xbf, 0xc0, 0xc1, 0xe4, 0xed, 0xa0, 0xf5, 0xff, 0xfe, 0x81, 0x40, 0xfe, 0x7f, 0x00, 0x0a,
  ];
  return Uint8Array.from({ length: 1 + int(r, 64) }, () => pick(r, pool));
}

const concat = (...parts: Uint8Array[]): Uint8Array => Buffer.concat(parts);

/** Byte-level mutations: work on any file. */
const byteMutations: Record<string, (r: Rnd, b: Uint8Array) => Uint8Array> = {
  bitflip: (r, b) => {
    const out = Uint8Array.from(b);
    for (let k = 1 + int(r, 32); k > 0 && out.length; k--) out[int(r, out.length)]! ^= 1 << int(r, 8);
    return out;
  },
  // Often to a few bytes: an empty or nearly empty file is a case of its own.
  truncate: (r, b) => b.subarray(0, r() < 0.1 ? int(r, 8) : int(r, b.length)),
  splice: (r, b) => {
    const at = int(r, b.length + 1);
    return concat(b.subarray(0, at), badBytes(r), b.subarray(at));
  },
  repeat: (r, b) => {
    const from = int(r, b.length);
    const to = Math.min(b.length, from + 1 + int(r, 4096));
    return concat(b.subarray(0, to), b.subarray(from, to), b.subarray(to));
  },
  zero: (r, b) => {
    const out = Uint8Array.from(b);
    const from = int(r, out.length);
    out.fill(0, from, from + 1 + int(r, 512));
    return out;
  },
};

/** Mutations of a zip's members or headers. */
const zipMutations: Record<string, (r: Rnd, m: Readonly<Record<string, Uint8Array>>) => Uint8Array> = {
  removeMember: (r, m) => {
    const names = Object.keys(m);
    const gone = pick(r, names);
    return rawZip(names.filter((n) => n !== gone).map((name) => ({ name, data: m[name]! })));
  },
  duplicateMember: (r, m) => {
    const list = Object.entries(m).map(([name, data]) => ({ name, data }));
    const twin = pick(r, list);
    list.splice(int(r, list.length + 1), 0, {
      name: twin.name,
      data: r() < 0.5 ? twin.data : strToU8(randomXml(r)),
    });
    return rawZip(list);
  },
  lyingSizes: (r, m) =>
    rawZip(
      Object.entries(m).map(([name, data]) => ({
        name,
        data,
        ...(r() < 0.5 ? { declared: pick(r, [0, 1, 3000, 0xfffffffe, 0xffffffff, int(r, 2 ** 31)]) } : {}),
        ...(r() < 0.2 ? { compressed: pick(r, [0, 1, 0xffffffff, int(r, 2 ** 20)]) } : {}),
      })),
    ),
  stored: (_r, m) => rawZip(Object.entries(m).map(([name, data]) => ({ name, data, stored: true }))),
  bomb: (r, m) => {
    const name = pick(r, Object.keys(m));
    const zeros = new Uint8Array((20 + int(r, 40)) * 1024 * 1024);
    return rawZip(
      Object.entries(m).map(([n, data]) => ({ name: n, data: n === name ? zeros : data, declared: 3000 })),
    );
  },
  replaceMember: (r, m) => {
    const name = pick(
      r,
      Object.keys(m).filter((n) => n.endsWith('.xml') || n.endsWith('.rels')),
    );
    const how = r();
    const xml =
      how < 0.6 ? randomXml(r) : how < 0.75 ? deepXml(r) : how < 0.85 ? `<w:t>${hugeText(r)}</w:t>` : '';
    const data = how < 0.85 ? strToU8(xml) : concat(m[name] ?? new Uint8Array(0), badBytes(r));
    return rawZip(Object.entries(m).map(([n, d]) => ({ name: n, data: n === name ? data : d })));
  },
  gbkNames: (_r, m) =>
    rawZip(
      Object.entries(m).map(([name, data]) => ({
        name: iconv.decode(iconv.encode(name + '文档', 'gbk'), 'latin1'),
        data,
      })),
    ),
};

/** Mutations of text files. */
const textMutations: Record<string, (r: Rnd, b: Uint8Array) => Uint8Array> = {
  badEncoding: (r, b) => {
    const at = int(r, b.length + 1);
    return concat(b.subarray(0, at), badBytes(r), b.subarray(at));
  },
  hugeCell: (r, b) => concat(b, strToU8(`\n2024-01-01,"${hugeText(r)}`)),
  deepQuotes: (r, b) => concat(b, strToU8('"'.repeat(1 + int(r, 200_000)))),
  nul: (r, b) => concat(b, new Uint8Array(1 + int(r, 16))),
  manyColumns: (r, b) => concat(b, strToU8('\n' + ','.repeat(100 + int(r, 100_000)))),
  oddUtf16: (_r, b) => concat(Uint8Array.from([0xfe, 0xff]), b, Uint8Array.from([0xd8])),
};

const NAMES: Readonly<Record<FileKind, readonly string[]>> = {
  docx: ['报告.docx', 'report.DOCX', '报告'],
  xlsx: ['台账.xlsx', 'ledger.xlsm', '台账'],
  csv: ['台账.csv', 'a.txt', '台账.xls'],
  txt: ['报告.txt', '报告.md', 'a.csv'],
  png: ['照片.png', '报告.docx', '台账.xlsx'],
  pdf: ['扫描件.pdf', '报告.txt', '台账.csv'],
};

/** Input `i` of the run seeded `seed`: the same pair always gives the same bytes. */
export function mutate(seeds: readonly Seed[], seed: number, i: number): FuzzInput {
  const r = prng(seed * 1_000_003 + i);
  const s = pick(r, seeds);
  let bytes = s.bytes;
  const how: string[] = [];
  const steps = 1 + int(r, 3);
  for (let k = 0; k < steps; k++) {
    const x = r();
    if (s.members && k === 0 && x < 0.5) {
      const [name, f] = pick(r, Object.entries(zipMutations));
      how.push(name);
      bytes = f(r, s.members);
    } else if (!s.members && x < 0.5) {
      const [name, f] = pick(r, Object.entries(textMutations));
      how.push(name);
      bytes = f(r, bytes);
    } else {
      const [name, f] = pick(r, Object.entries(byteMutations));
      how.push(name);
      bytes = f(r, bytes);
    }
  }
  return { name: pick(r, NAMES[s.kind]), kind: s.kind, bytes, how: `${s.kind}: ${how.join(' → ')}` };
}
