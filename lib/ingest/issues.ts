/**
 * Problems found in imported files. `row` is the row as a spreadsheet shows it: the header is
 * row 1 and the first data row is row 2 (for CSV that is the line number, unless a quoted value
 * spans lines). Row 0 means the file as a whole (empty, not text, unreadable); `column` is the
 * header text of the column at fault, or '' when no single column is.
 */
export interface ImportIssue {
  file: string;
  row: number;
  column: string;
  message: string;
  /** The item code the row names, where it names one. */
  item?: string;
}

/** Only this many problems are listed; the rest are counted. */
export const ISSUE_CAP = 100;

export class IssueList {
  readonly listed: ImportIssue[] = [];
  total = 0;

  constructor(readonly cap = ISSUE_CAP) {}

  add(file: string, row: number, column: string, message: string, item?: string): void {
    this.total++;
    if (this.listed.length < this.cap) this.listed.push(item ? { file, row, column, message, item } : { file, row, column, message });
  }

  /** Takes in problems listed elsewhere (another thread), `total` of them in all. */
  merge(listed: readonly ImportIssue[], total: number): void {
    for (const i of listed) this.add(i.file, i.row, i.column, i.message, i.item);
    this.total += total - listed.length;
  }

  get any(): boolean {
    return this.total > 0;
  }
}

/** An import refused as a whole: nothing was written. */
export class ImportError extends Error {
  constructor(
    readonly issues: readonly ImportIssue[],
    readonly total: number,
  ) {
    super(ImportError.summary(issues, total));
    this.name = 'ImportError';
  }

  static from(list: IssueList): ImportError {
    return new ImportError(list.listed, list.total);
  }

  static summary(issues: readonly ImportIssue[], total: number): string {
    const files = [...new Set(issues.map((i) => i.file))];
    const head = `${total.toLocaleString('en-US')} problem${total === 1 ? '' : 's'} in ${files.join(', ')}; nothing was imported`;
    const hidden = total - issues.length;
    return hidden > 0 ? `${head} (first ${issues.length} listed, ${hidden.toLocaleString('en-US')} more not shown)` : head;
  }
}

/** A value quoted for an error message, cut short so that a runaway field cannot flood it. */
export function quote(value: string): string {
  const v = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return JSON.stringify(v);
}
