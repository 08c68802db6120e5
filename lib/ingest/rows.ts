import type { Catalog, ImportWriter } from '../store';
import { isBlank } from './fields';
import type { IssueList } from './issues';
import { COLUMNS, type Kind, type ResolvedHeader } from './kinds';
import type { RepeatedDaysCounter } from './repeats';

/**
 * Where a file reader (CSV or XLSX) delivers data rows: field i of the row is
 * `text.slice(bounds[2 * i], bounds[2 * i + 1])`. `fields` may exceed what `bounds` holds; the
 * extra fields were counted, not located. `rowNo` is the row as a spreadsheet numbers it.
 */
export interface RowSink {
  row(text: string, bounds: Int32Array, fields: number, rowNo: number): void;
  /** A hint: about this many rows will come. */
  reserve(rows: number): void;
}

/**
 * An import's transaction as files see it: the store's items and units plus those of the files
 * applied before (`catalog`), every problem so far, and the ids new items get.
 */
export interface ImportContext {
  /** Writes into the import's transaction. */
  tx: ImportWriter;
  catalog: Catalog;
  issues: IssueList;
  nextItemId: number;
  /** The last day a sale or stock position may be dated (`latestRecordDay` of the import's clock). */
  latestDay: number;
  /** Counts the sales rows dated within their item's stored sales (null: the import has no sales file). */
  repeats: RepeatedDaysCounter | null;
}

/**
 * A file of one kind, read into typed columns. Subclasses read their columns in `row`, record
 * each problem with the row and column it concerns, and keep only rows without problems.
 */
export abstract class KindRows implements RowSink {
  abstract readonly kind: Kind;
  /** rows kept in the columns now */
  count = 0;
  /** the spreadsheet row of each kept row, for problems found later against the store */
  rowNo: Int32Array = new Int32Array(1024);
  /** fields a row must have: the header's */
  protected readonly width: number;

  constructor(
    readonly file: string,
    protected readonly header: ResolvedHeader,
    protected readonly issues: IssueList,
    /** `12,5` means 12.5 (files delimited by `;` or tab) */
    protected readonly decimalComma: boolean,
  ) {
    this.width = header.labels.length;
  }

  abstract row(text: string, bounds: Int32Array, fields: number, rowNo: number): void;

  /** Rows read and kept, including any already handed on. */
  get rowsRead(): number {
    return this.count;
  }

  /**
   * Checks the rows against the store and the files applied before, adding problems, and writes
   * them if the import has no problem so far (inside the import's transaction).
   */
  abstract apply(ctx: ImportContext): void;

  /** Field index of column `c` (an index into COLUMNS[kind]), or -1. */
  protected field(c: number): number {
    return this.header.fieldOf[c]!;
  }

  /** The column's name as the file's header spells it. */
  protected label(c: number): string {
    const f = this.header.fieldOf[c]!;
    return f >= 0 ? this.header.labels[f] || COLUMNS[this.kind][c]!.name : COLUMNS[this.kind][c]!.name;
  }

  /** A problem at row `rowNo`, column `c`, of the row naming `item` (where it names one). */
  protected problem(rowNo: number, c: number, message: string, item?: string): void {
    this.issues.add(this.file, rowNo, c < 0 ? '' : this.label(c), message, item);
  }

  /**
   * A row with a different number of fields than the header is refused, except for trailing
   * empty fields (spreadsheets pad rows with delimiters). Returns whether the row can be read.
   */
  protected widthOk(text: string, bounds: Int32Array, fields: number, rowNo: number): boolean {
    if (fields === this.width) return true;
    if (fields > this.width) {
      const located = bounds.length >> 1;
      let extraBlank = fields <= located;
      for (let f = this.width; extraBlank && f < fields; f++) {
        extraBlank = isBlank(text, bounds[2 * f]!, bounds[2 * f + 1]!);
      }
      if (extraBlank) return true;
    }
    if (this.blankRow(text, bounds, Math.min(fields, this.width))) return false;
    this.issues.add(
      this.file,
      rowNo,
      '',
      `expected ${this.width} values (one per header column), found ${fields}; check the delimiter and quotes`,
    );
    return false;
  }

  /** True when every field is blank: such rows (`,,,` or an empty line) are skipped. */
  protected blankRow(text: string, bounds: Int32Array, fields: number): boolean {
    const located = Math.min(fields, bounds.length >> 1);
    for (let f = 0; f < located; f++) if (!isBlank(text, bounds[2 * f]!, bounds[2 * f + 1]!)) return false;
    return located === fields;
  }

  reserve(rows: number): void {
    if (rows <= this.rowNo.length) return;
    const grown = new Int32Array(rows);
    grown.set(this.rowNo);
    this.rowNo = grown;
    this.grow(rows);
  }

  /** Makes room for one more kept row; subclasses grow their own columns alongside. */
  protected keepRow(rowNo: number): number {
    const i = this.count;
    if (i === this.rowNo.length) {
      const grown = new Int32Array(i * 2);
      grown.set(this.rowNo);
      this.rowNo = grown;
      this.grow(i * 2);
    }
    this.rowNo[i] = rowNo;
    this.count = i + 1;
    return i;
  }

  /** Grows the subclass's columns to `capacity` rows. */
  protected abstract grow(capacity: number): void;
}
