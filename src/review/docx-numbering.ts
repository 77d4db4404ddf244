import { SaxesParser } from 'saxes';

/** One level of a Word list definition (numbering.xml). */
interface Level {
  fmt: string;
  text: string;
  start: number;
}

const CN = '〇一二三四五六七八九';

/** 1 → 一, 12 → 十二, 23 → 二十三 (enough for list numbers). */
export function toChineseNumber(n: number): string {
  if (n < 10) return CN[n] ?? String(n);
  if (n < 20) return '十' + (n % 10 ? CN[n % 10] : '');
  if (n < 100) return CN[Math.floor(n / 10)] + '十' + (n % 10 ? CN[n % 10] : '');
  return String(n);
}

function format(fmt: string, n: number): string {
  switch (fmt) {
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'ideographTraditional':
    case 'chineseLegalSimplified':
      return toChineseNumber(n);
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return n <= 20 ? String.fromCharCode(0x2460 + n - 1) : String(n);
    case 'lowerLetter':
      return String.fromCharCode(96 + n);
    case 'upperLetter':
      return String.fromCharCode(64 + n);
    case 'bullet':
    case 'none':
      return '';
    default:
      return String(n);
  }
}

/**
 * Renders Word automatic list numbers ("一、", "（一）") that exist only in numbering.xml, so a
 * heading numbered by Word reads the same as one typed by hand.
 */
export class Numbering {
  private readonly abstracts = new Map<string, Map<number, Level>>();
  private readonly nums = new Map<string, string>();
  private readonly counters = new Map<string, number[]>();

  constructor(xml: string | undefined) {
    if (!xml) return;
    const p = new SaxesParser();
    let abs: Map<number, Level> | undefined;
    let lvl: Level | undefined;
    let numId: string | undefined;
    p.on('opentag', (t) => {
      const a = (k: string) => {
        const v = t.attributes[k];
        return typeof v === 'string' ? v : undefined;
      };
      if (t.name === 'w:abstractNum') {
        abs = new Map();
        this.abstracts.set(a('w:abstractNumId') ?? '', abs);
      } else if (t.name === 'w:lvl' && abs) {
        lvl = { fmt: 'decimal', text: '', start: 1 };
        abs.set(Number(a('w:ilvl') ?? 0), lvl);
      } else if (lvl && t.name === 'w:numFmt') lvl.fmt = a('w:val') ?? 'decimal';
      else if (lvl && t.name === 'w:lvlText') lvl.text = a('w:val') ?? '';
      else if (lvl && t.name === 'w:start') lvl.start = Number(a('w:val') ?? 1);
      else if (t.name === 'w:num') numId = a('w:numId');
      else if (t.name === 'w:abstractNumId' && numId !== undefined) this.nums.set(numId, a('w:val') ?? '');
    });
    p.on('closetag', (t) => {
      if (t.name === 'w:lvl') lvl = undefined;
      else if (t.name === 'w:abstractNum') abs = undefined;
      else if (t.name === 'w:num') numId = undefined;
    });
    p.write(xml).close();
  }

  /** The number text for the next paragraph of list `numId` at level `ilvl`. */
  next(numId: string, ilvl: number): string {
    const levels = this.abstracts.get(this.nums.get(numId) ?? '');
    const lvl = levels?.get(ilvl);
    if (!levels || !lvl || lvl.fmt === 'bullet' || lvl.fmt === 'none') return '';
    const key = this.nums.get(numId) ?? numId;
    const c = this.counters.get(key) ?? [];
    c[ilvl] = (c[ilvl] ?? lvl.start - 1) + 1;
    c.length = ilvl + 1; // deeper levels restart
    this.counters.set(key, c);
    return lvl.text.replace(/%(\d)/g, (_, d: string) => {
      const i = Number(d) - 1;
      const l = levels.get(i);
      return format(l?.fmt ?? 'decimal', c[i] ?? l?.start ?? 1);
    });
  }
}
