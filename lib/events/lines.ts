/**
 * Splits decoded NDJSON text, arriving in chunks of any size, into lines. Lines are handed over as
 * (text, start, end) ranges of the chunk string, so a line is never copied unless it straddles
 * two chunks. A line longer than `maxLineChars` is reported once and skipped without buffering it,
 * so one endless line cannot grow memory.
 */
export interface LineSink {
  /** `text.slice(start, end)` is line number `line` (1-based), without its line ending. */
  line(text: string, start: number, end: number, line: number): void;
  tooLong(line: number): void;
}

export class LineSplitter {
  private carry = '';
  private skipping = false;
  private lineNo = 0;

  constructor(
    private readonly sink: LineSink,
    private readonly maxLineChars: number,
  ) {}

  push(text: string): void {
    let pos = 0;
    if (this.carry !== '' || this.skipping) {
      const nl = text.indexOf('\n');
      if (nl < 0) {
        this.hold(text);
        return;
      }
      if (this.skipping) {
        this.skipping = false;
        this.sink.tooLong(++this.lineNo);
      } else if (this.carry.length + nl > this.maxLineChars) {
        this.carry = '';
        this.sink.tooLong(++this.lineNo);
      } else {
        const joined = this.carry + text.slice(0, nl);
        this.carry = '';
        this.emit(joined, 0, joined.length);
      }
      pos = nl + 1;
    }
    for (;;) {
      const nl = text.indexOf('\n', pos);
      if (nl < 0) break;
      if (nl - pos > this.maxLineChars) this.sink.tooLong(++this.lineNo);
      else this.emit(text, pos, nl);
      pos = nl + 1;
    }
    if (pos < text.length) this.hold(pos === 0 ? text : text.slice(pos));
  }

  /** The body ended: a last line without a newline is still a line. */
  end(): void {
    if (this.skipping) {
      this.skipping = false;
      this.sink.tooLong(++this.lineNo);
    } else if (this.carry !== '') {
      const last = this.carry;
      this.carry = '';
      this.emit(last, 0, last.length);
    }
  }

  private hold(rest: string): void {
    if (this.skipping) return;
    if (this.carry.length + rest.length > this.maxLineChars) {
      this.carry = '';
      this.skipping = true;
    } else {
      this.carry += rest;
    }
  }

  private emit(text: string, start: number, end: number): void {
    // CRLF files: the carriage return belongs to the line ending, not to the line.
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    this.sink.line(text, start, end, ++this.lineNo);
  }
}
