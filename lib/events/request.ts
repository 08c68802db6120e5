import { BatchBuilder } from './batch';
import type { LineSink } from './lines';
import { EventFields, type LineReader } from './parse';
import type { EventValidator } from './validate';

/** The response lists the first rejected lines; `rejected_total` counts them all. */
export const MAX_LISTED_REJECTIONS = 1000;
/** A longer line is rejected without being buffered. */
export const MAX_LINE_CHARS = 65_536;

export interface Rejection {
  line: number;
  error: string;
  /** The item the line names, where it names one. */
  item?: string;
}

/** `{"accepted":N,"rejected":[{"line","error","item"?}],"rejected_total":M}` */
export interface IngestAnswer {
  accepted: number;
  rejected: Rejection[];
  rejected_total: number;
}

/**
 * One request's lines as they stream in: each is read, validated and either appended to the
 * request's current batch or recorded as rejected with its line number.
 */
export class RequestLines implements LineSink {
  readonly builder = new BatchBuilder();
  private readonly fields = new EventFields();
  private readonly rejected: Rejection[] = [];
  private rejectedTotal = 0;
  sales = 0;
  stock = 0;

  /** `reader` and `validator` may be shared by all requests: each line is handled synchronously. */
  constructor(
    private readonly reader: LineReader,
    private readonly validator: EventValidator,
    private readonly onRejected: () => void = () => {},
  ) {}

  line(text: string, start: number, end: number, line: number): void {
    const read = this.reader.read(text, start, end, this.fields);
    if (read.kind === 'blank') return;
    if (read.kind === 'invalid') return this.reject(line, read.error);
    const error = this.validator.add(this.fields, this.builder);
    if (error !== null) return this.reject(line, error, typeof this.fields.item_id === 'string' && this.fields.item_id !== '' ? this.fields.item_id : undefined);
    if (this.fields.type === 'sale') this.sales++;
    else this.stock++;
  }

  tooLong(line: number): void {
    this.reject(line, `line is longer than ${MAX_LINE_CHARS} characters`);
  }

  answer(): IngestAnswer {
    return { accepted: this.sales + this.stock, rejected: this.rejected, rejected_total: this.rejectedTotal };
  }

  private reject(line: number, error: string, item?: string): void {
    this.rejectedTotal++;
    if (this.rejected.length < MAX_LISTED_REJECTIONS) this.rejected.push(item === undefined ? { line, error } : { line, error, item });
    this.onRejected();
  }
}
