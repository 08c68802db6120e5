import fs from 'node:fs';
import { usageError } from './errors';

const reason = (err: unknown) => (err as NodeJS.ErrnoException).code ?? String(err);

/**
 * A file written through a temp file beside it and renamed into place on `commit`, so that a reader
 * never sees half a file; `discard` leaves nothing behind. Opening it fails with a usage error that
 * names the flag and the path, so a command opens its outputs before its work, not after.
 */
export class OutputFile {
  private readonly temp: string;
  private readonly fd: number;

  constructor(
    readonly file: string,
    flag: string,
  ) {
    this.temp = `${file}.${process.pid}.tmp`;
    try {
      this.fd = fs.openSync(this.temp, 'w');
    } catch (err) {
      throw usageError(`cannot write ${flag} ${file}: ${reason(err)}`);
    }
  }

  write(text: string): void {
    fs.writeSync(this.fd, text);
  }

  commit(): void {
    fs.fsyncSync(this.fd);
    fs.closeSync(this.fd);
    fs.renameSync(this.temp, this.file);
  }

  discard(): void {
    fs.closeSync(this.fd);
    fs.rmSync(this.temp, { force: true });
  }
}

/** Creates the folder a flag names (and its parents), or fails with a usage error naming both. */
export function outputFolder(dir: string, flag: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw usageError(`cannot write ${flag} ${dir}: ${reason(err)}`);
  }
}
