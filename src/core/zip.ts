import { Inflate } from 'fflate';
import { UserError } from './errors.ts';

/**
 * Reading zip archives (.xlsx, .docx, uploaded .zip) within limits. Members are inflated a few
 * kilobytes at a time with a running byte count, so a member stops at the limit whatever size its
 * headers declare; nothing past the limit is ever held. Pure: bytes in, bytes out.
 */

/** Limits on one archive; an archive past any of them is refused as a zip bomb. */
export interface ZipLimits {
  /** Most members the archive's directory may list (all members, read or not). */
  readonly maxEntries: number;
  /** Most bytes the members read may inflate to, together. */
  readonly maxTotalBytes: number;
  /** Most inflated bytes per compressed byte in one member, once it is past RATIO_FLOOR. */
  readonly maxRatio: number;
}

export interface ZipReadOptions {
  readonly limits: ZipLimits;
  /** Names the archive in messages, e.g. 文件“台账.xlsx”. */
  readonly label?: string;
  /** Members to inflate; the others are neither inflated nor counted. Default: every member. */
  readonly want?: (name: string) => boolean;
  /** Members are inflated by ascending rank (ties in archive order), e.g. shared strings before sheets. */
  readonly rank?: (name: string) => number;
}

/** What reading an archive found. */
export interface ZipScan {
  readonly names: readonly string[];
  /** Bytes inflated from the wanted members. */
  readonly inflated: number;
}

/** Small members compress far beyond any ratio (a run of spaces); the ratio applies past this size. */
export const RATIO_FLOOR = 1024 * 1024;
/** Compressed bytes inflated per step: deflate expands at most ~1032×, so one step stays under ~4 MB. */
const STEP = 4096;

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const SIG_END64 = 0x06064b50;
const SIG_LOCATOR64 = 0x07064b50;

interface Entry {
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly compressed: number;
  readonly declared: number;
  readonly offset: number;
}

const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;

class Reader {
  private readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  u16 = (at: number): number => (at + 2 <= this.bytes.length ? this.view.getUint16(at, true) : -1);
  u32 = (at: number): number => (at + 4 <= this.bytes.length ? this.view.getUint32(at, true) : -1);
  u64 = (at: number): number => {
    const lo = this.u32(at);
    const hi = this.u32(at + 4);
    return lo < 0 || hi < 0 ? -1 : hi * 2 ** 32 + lo;
  };
}

function decodeName(raw: Uint8Array, utf8Flag: boolean): string {
  if (utf8Flag) return new TextDecoder('utf-8').decode(raw);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    // Zips made on Chinese Windows name their members in GBK without saying so.
    return new TextDecoder('gb18030').decode(raw);
  }
}

/** The central directory's entries; throws `corrupt` when the archive cannot be a zip. */
function directory(r: Reader, corrupt: (why: string) => UserError, limits: ZipLimits, label: string) {
  const len = r.bytes.length;
  let end = -1;
  for (let i = len - 22; i >= Math.max(0, len - 22 - 0xffff); i--) {
    if (r.u32(i) === SIG_END) {
      end = i;
      break;
    }
  }
  if (end < 0) throw corrupt('找不到压缩包目录');
  let count = r.u16(end + 10);
  let cdOffset = r.u32(end + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) {
    const loc = end - 20;
    if (loc < 0 || r.u32(loc) !== SIG_LOCATOR64) throw corrupt('ZIP64 目录缺失');
    const end64 = r.u64(loc + 8);
    if (r.u32(end64) !== SIG_END64) throw corrupt('ZIP64 目录损坏');
    count = r.u64(end64 + 32);
    cdOffset = r.u64(end64 + 48);
  }
  if (count > limits.maxEntries) {
    throw new UserError(
      `${label}内含 ${count} 个文件，超过上限 ${limits.maxEntries} 个（疑似压缩炸弹），已拒绝解压`,
      'zip_too_large',
      413,
      { entries: count },
    );
  }
  const entries: Entry[] = [];
  let at = cdOffset;
  for (let i = 0; i < count; i++) {
    if (r.u32(at) !== SIG_CENTRAL) throw corrupt('目录损坏');
    const flags = r.u16(at + 8);
    const nameLen = r.u16(at + 28);
    const extraLen = r.u16(at + 30);
    const commentLen = r.u16(at + 32);
    let compressed = r.u32(at + 20);
    let declared = r.u32(at + 24);
    let offset = r.u32(at + 42);
    if (at + 46 + nameLen > len) throw corrupt('目录损坏');
    const name = decodeName(r.bytes.subarray(at + 46, at + 46 + nameLen), (flags & 0x800) !== 0);
    // ZIP64 extra field: the 8-byte values, in this order, of whichever fields are 0xFFFFFFFF.
    for (let x = at + 46 + nameLen; x + 4 <= at + 46 + nameLen + extraLen;) {
      const id = r.u16(x);
      const size = r.u16(x + 2);
      if (id === 1) {
        let p = x + 4;
        if (declared === 0xffffffff) {
          declared = r.u64(p);
          p += 8;
        }
        if (compressed === 0xffffffff) {
          compressed = r.u64(p);
          p += 8;
        }
        if (offset === 0xffffffff) offset = r.u64(p);
      }
      x += 4 + size;
    }
    entries.push({ name, method: r.u16(at + 10), flags, compressed, declared, offset });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return { entries };
}

/** Where a member's data starts, from its local header. */
function dataStart(r: Reader, e: Entry, corrupt: (why: string) => UserError): number {
  if (r.u32(e.offset) !== SIG_LOCAL) throw corrupt(`“${e.name}”的文件头损坏`);
  const start = e.offset + 30 + r.u16(e.offset + 26) + r.u16(e.offset + 28);
  if (start + e.compressed > r.bytes.length) throw corrupt(`“${e.name}”不完整`);
  return start;
}

/**
 * Inflates the wanted members of `bytes` within `limits`, handing each member's bytes to `onData`
 * as they come. Throws UserError: `corrupt_file` (not a zip, damaged, encrypted) or
 * `zip_too_large` (over a limit), the latter before anything past the limit is inflated.
 */
export function inflateZip(
  bytes: Uint8Array,
  opts: ZipReadOptions,
  onData: (name: string, chunk: Uint8Array, final: boolean) => void,
): ZipScan {
  const label = opts.label ?? '压缩包';
  const { limits } = opts;
  const corrupt = (why: string): UserError =>
    new UserError(`${label}已损坏或不完整，无法解压（${why}）`, 'corrupt_file', 400);
  const tooLarge = (what: string, inflated: number): UserError =>
    new UserError(`${label}${what}（疑似压缩炸弹），已停止解压`, 'zip_too_large', 413, { inflated });
  const r = new Reader(bytes);
  const { entries } = directory(r, corrupt, limits, label);
  const want = opts.want ?? (() => true);
  const rank = opts.rank;
  const wanted = entries.filter((e) => want(e.name));
  if (rank) wanted.sort((a, b) => rank(a.name) - rank(b.name));

  // A bomb that declares its size is refused before any work.
  const declared = wanted.reduce((n, e) => n + e.declared, 0);
  if (declared > limits.maxTotalBytes)
    throw tooLarge(`解压后将达 ${mb(declared)}，超过上限 ${mb(limits.maxTotalBytes)}`, 0);

  let total = 0;
  for (const e of wanted) {
    const start = dataStart(r, e, corrupt);
    if (e.flags & 0x1) throw corrupt(`“${e.name}”已加密`);
    const data = bytes.subarray(start, start + e.compressed);
    let size = 0;
    const count = (chunk: Uint8Array, final: boolean): void => {
      size += chunk.length;
      total += chunk.length;
      if (total > limits.maxTotalBytes) throw tooLarge(`解压后超过上限 ${mb(limits.maxTotalBytes)}`, total);
      if (size > RATIO_FLOOR && size > limits.maxRatio * e.compressed)
        throw tooLarge(`中的“${e.name}”压缩比超过 ${limits.maxRatio} 倍`, total);
      onData(e.name, chunk, final);
    };
    if (e.method === 0) {
      count(data, true);
    } else if (e.method === 8) {
      // Inflate hands over a fresh array per step; a truncated stream throws on the final push.
      const inflate = new Inflate(count);
      try {
        if (data.length === 0) inflate.push(data, true);
        for (let i = 0; i < data.length; i += STEP)
          inflate.push(data.subarray(i, i + STEP), i + STEP >= data.length);
      } catch (err) {
        if (err instanceof UserError) throw err;
        throw corrupt(`“${e.name}”的压缩数据损坏`);
      }
    } else {
      throw corrupt(`“${e.name}”使用了不支持的压缩方式 ${e.method}`);
    }
  }
  return { names: entries.map((e) => e.name), inflated: total };
}

/** The wanted members' bytes by name, inflated within `limits` (see inflateZip). */
export function unzipLimited(bytes: Uint8Array, opts: ZipReadOptions): Map<string, Uint8Array> {
  const parts = new Map<string, Uint8Array[]>();
  inflateZip(bytes, opts, (name, chunk) => {
    const list = parts.get(name);
    if (list) list.push(chunk);
    else parts.set(name, [chunk]);
  });
  const out = new Map<string, Uint8Array>();
  for (const [name, chunks] of parts) {
    if (chunks.length === 1) {
      out.set(name, chunks[0]!);
      continue;
    }
    const joined = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of chunks) {
      joined.set(c, at);
      at += c.length;
    }
    out.set(name, joined);
  }
  return out;
}

/** Inflates every member within `limits` and keeps nothing: checks an archive before another reader opens it. */
export const scanZip = (bytes: Uint8Array, opts: ZipReadOptions): ZipScan =>
  inflateZip(bytes, opts, () => undefined);
