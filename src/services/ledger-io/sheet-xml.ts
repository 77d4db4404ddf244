import { SaxesParser } from 'saxes';
import type { Cell } from './cells.ts';
import type { RawRow } from './drafts.ts';

/**
 * A worksheet's XML (`xl/worksheets/sheetN.xml`) read as it streams in, straight into plain rows:
 * shared strings, inline and formula strings, dates by their cell style, numbers, booleans and error cells, whether or not a
 * formula produced them (its cached result is what Excel shows). Pure.
 */

/** How numbers become dates: the cell styles with a date format, and the workbook's date system. */
export interface DateStyles {
  readonly styles: ReadonlySet<number>;
  readonly date1904: boolean;
}

/** Column index (0 = A) of a cell reference such as “AB12”. */
function columnOf(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

export class SheetXmlReader {
  readonly rows: RawRow[] = [];
  private readonly sax = new SaxesParser();
  private cells: Cell[] | null = null;
  private rowNumber = 0;
  private col = -1;
  private type = '';
  private style = 0;
  private text: string | null = null;
  private capture = false;
  private inPhonetic = false;
  private formula = false;
  private readonly strings = new Map<string, string>();

  constructor(
    private readonly sharedStrings: readonly string[],
    private readonly dates: DateStyles,
  ) {
    this.sax.on('opentag', (t) => this.open(t.name, t.attributes as Record<string, string>));
    this.sax.on('closetag', (t) => this.close(t.name));
    this.sax.on('text', (s) => {
      if (this.capture) this.text = (this.text ?? '') + s;
    });
    this.sax.on('cdata', (s) => {
      if (this.capture) this.text = (this.text ?? '') + s;
    });
  }

  /** Cells so far in the row being read (0 between rows): bounds a row that has not ended yet. */
  get openWidth(): number {
    return this.cells?.length ?? 0;
  }

  write(chunk: string): void {
    this.sax.write(chunk);
  }

  end(): void {
    this.sax.close();
  }

  private open(name: string, a: Record<string, string>): void {
    switch (name) {
      case 'row':
        this.rowNumber = a.r ? Number(a.r) : this.rowNumber + 1;
        this.cells = [];
        this.col = -1;
        break;
      case 'c':
        this.col = a.r ? columnOf(a.r) : this.col + 1;
        this.type = a.t ?? 'n';
        this.style = a.s ? Number(a.s) : 0;
        this.text = null;
        this.formula = false;
        break;
      case 'f':
        this.formula = true;
        break;
      case 'v':
        this.capture = true;
        break;
      case 't':
        // Inline strings: every run's text, but not the phonetic guide (rPh) above it.
        if (!this.inPhonetic) this.capture = true;
        break;
      case 'rPh':
        this.inPhonetic = true;
        break;
    }
  }

  private close(name: string): void {
    switch (name) {
      case 'v':
      case 't':
        this.capture = false;
        break;
      case 'rPh':
        this.inPhonetic = false;
        break;
      case 'c':
        if (this.cells && this.text !== null) this.setCell(this.text);
        // A formula never calculated shows nothing: a blank cell, as exceljs reads it.
        else if (this.cells && this.formula) this.setBlank();
        break;
      case 'row':
        if (this.cells && this.cells.length > 0)
          this.rows.push({ number: this.rowNumber, cells: this.cells });
        this.cells = null;
        break;
    }
  }

  /**
   * One string per distinct short text: files written with inline strings (fazhi's own exports)
   * repeat the same choice labels on every row, and a sliced string would keep its whole chunk.
   */
  private intern(v: string): string {
    if (v.length > 64) return v;
    let s = this.strings.get(v);
    if (s === undefined) this.strings.set(v, (s = v));
    return s;
  }

  private setBlank(): void {
    while (this.cells!.length <= this.col) this.cells!.push(null);
  }

  private setCell(v: string): void {
    const cells = this.cells!;
    while (cells.length < this.col) cells.push(null);
    let value: Cell;
    switch (this.type) {
      case 's':
        value = this.sharedStrings[Number(v)] ?? null;
        break;
      case 'str':
      case 'inlineStr':
        value = this.intern(v);
        break;
      case 'b':
        value = v.trim() !== '0';
        break;
      case 'e':
        value = { cellError: v };
        break;
      case 'd': {
        const d = new Date(v);
        value = Number.isNaN(d.getTime()) ? v : d;
        break;
      }
      default: {
        const n = Number(v);
        value =
          v.trim() === '' || Number.isNaN(n)
            ? null
            : this.dates.styles.has(this.style)
              ? excelToDate(n, this.dates.date1904)
              : n;
      }
    }
    cells[this.col] = value;
  }
}

/** Days from Excel's epoch to 1970-01-01: 1899-12-30, or 1904-01-01 in 1904-based workbooks. */
export const excelToDate = (n: number, date1904: boolean): Date =>
  new Date(Math.round((n - 25_569 + (date1904 ? 1_462 : 0)) * 86_400_000));
