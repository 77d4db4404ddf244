import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { UserError } from './errors.ts';
import { inflateZip, scanZip, unzipLimited, type ZipLimits } from './zip.ts';

const MB = 1024 * 1024;
const roomy: ZipLimits = { maxEntries: 100, maxTotalBytes: 100 * MB, maxRatio: 1100 };
const utf8 = (s: string) => new TextEncoder().encode(s);

/** A zip whose headers (local and central) declare `declared` bytes for every member, whatever they hold. */
function lyingZip(files: Record<string, Uint8Array>, declared: number): Uint8Array {
  const zip = zipSync(files, { level: 9 });
  const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = zip.length - 22;
  expect(v.getUint32(end, true)).toBe(0x06054b50);
  let at = v.getUint32(end + 16, true);
  for (let i = 0; i < v.getUint16(end + 10, true); i++) {
    v.setUint32(at + 24, declared, true);
    v.setUint32(v.getUint32(at + 42, true) + 22, declared, true);
    at += 46 + v.getUint16(at + 28, true) + v.getUint16(at + 30, true) + v.getUint16(at + 32, true);
  }
  return zip;
}

function refusal(fn: () => unknown): UserError {
  try {
    fn();
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('inflateZip', () => {
  it('stops a member whose header understates its size at the limit, holding no more than one step past it', () => {
    const bomb = lyingZip({ 'xl/worksheets/sheet1.xml': new Uint8Array(50 * MB) }, 3 * 1024);
    expect(bomb.length).toBeLessThan(100 * 1024);
    // What the headers claim: 3 KB.
    unzipSync(bomb, { filter: (f) => (expect(f.originalSize).toBe(3072), false) });

    let handed = 0;
    let largest = 0;
    const e = refusal(() =>
      inflateZip(bomb, { limits: { ...roomy, maxTotalBytes: 2 * MB }, label: '文件“台账.xlsx”' }, (_, c) => {
        handed += c.length;
        largest = Math.max(largest, c.length);
      }),
    );
    expect(e.code).toBe('zip_too_large');
    expect(e.status).toBe(413);
    expect(e.message).toBe('文件“台账.xlsx”解压后超过上限 2.0 MB（疑似压缩炸弹），已停止解压');
    const { inflated } = e.details as { inflated: number };
    // Stopped within one step (4 KB of input, at most ~4.2 MB out) of the limit, far short of 50 MB.
    expect(inflated).toBeGreaterThan(2 * MB);
    expect(inflated).toBeLessThan(2 * MB + 4.2 * MB);
    expect(handed).toBeLessThanOrEqual(2 * MB);
    expect(largest).toBeLessThan(4.2 * MB);
  });

  it('refuses a member past the compression ratio, and an archive with too many members, before inflating it', () => {
    const bomb = lyingZip({ 'word/document.xml': new Uint8Array(50 * MB) }, 3 * 1024);
    const e = refusal(() => scanZip(bomb, { limits: { ...roomy, maxRatio: 100 } }));
    expect(e.message).toBe('压缩包中的“word/document.xml”压缩比超过 100 倍（疑似压缩炸弹），已停止解压');
    // 100 × about 50 KB compressed, plus one step: a fifth of what the member holds.
    expect((e.details as { inflated: number }).inflated).toBeLessThan(10 * MB);

    const many = zipSync(Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`${i}.txt`, utf8('x')])));
    const n = refusal(() => scanZip(many, { limits: { ...roomy, maxEntries: 20 }, label: '压缩包' }));
    expect(n.message).toBe('压缩包内含 30 个文件，超过上限 20 个（疑似压缩炸弹），已拒绝解压');
  });

  it('refuses at once a bomb that declares its size', () => {
    const honest = zipSync({ 'a.xml': new Uint8Array(20 * MB) }, { level: 9 });
    let handed = 0;
    const e = refusal(() =>
      inflateZip(honest, { limits: { ...roomy, maxTotalBytes: 10 * MB } }, () => (handed += 1)),
    );
    expect(e.message).toBe('压缩包解压后将达 20 MB，超过上限 10 MB（疑似压缩炸弹），已停止解压');
    expect(handed).toBe(0);
  });

  it('reads what fflate reads, only the wanted members, with GBK names decoded', () => {
    const files = {
      'word/document.xml': utf8('<w:document>'.repeat(10_000)),
      'word/styles.xml': utf8('<w:styles/>'),
      'docProps/app.xml': utf8('<Properties/>'),
      'empty.txt': new Uint8Array(0),
    };
    const zip = zipSync(files);
    const all = unzipLimited(zip, { limits: roomy });
    expect([...all.keys()].sort()).toEqual(Object.keys(files).sort());
    for (const [name, data] of Object.entries(unzipSync(zip))) expect(all.get(name)).toEqual(data);
    const some = unzipLimited(zip, { limits: roomy, want: (n) => n.startsWith('word/') });
    expect([...some.keys()].sort()).toEqual(['word/document.xml', 'word/styles.xml']);

    // 报告.txt in GBK, without the UTF-8 flag, as Windows' own zip tool writes it.
    const gbkName = new Uint8Array([0xb1, 0xa8, 0xb8, 0xe6]);
    const zipped = zipSync({ XXXX: utf8('内容') }, { level: 0 });
    let at = zipped.indexOf(0x58);
    zipped.set(gbkName, at);
    at = zipped.indexOf(0x58, at + 4);
    zipped.set(gbkName, at);
    expect([...unzipLimited(zipped, { limits: roomy }).keys()]).toEqual(['报告']);
  });

  it('refuses damaged archives, and inflates members in the order asked', () => {
    const zip = zipSync({ 'a.txt': utf8('a'.repeat(5000)), 'b.txt': utf8('b') });
    const half = refusal(() => scanZip(zip.subarray(0, zip.length / 2), { limits: roomy, label: '文件“x”' }));
    expect(half.code).toBe('corrupt_file');
    expect(half.message).toMatch(/^文件“x”已损坏或不完整，无法解压（/);
    expect(refusal(() => scanZip(utf8('not a zip at all, just text'), { limits: roomy })).code).toBe(
      'corrupt_file',
    );
    const seen: string[] = [];
    inflateZip(zip, { limits: roomy, rank: (n) => (n === 'b.txt' ? 0 : 1) }, (n) => seen.push(n));
    expect(seen[0]).toBe('b.txt');
    expect(seen.at(-1)).toBe('a.txt');
  });
});
