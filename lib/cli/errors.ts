/** Exit codes from sysexits.h, as the command-line contract promises. */
export const EXIT_USAGE = 64;
export const EXIT_DATAERR = 65;
export const EXIT_TEMPFAIL = 75;

/** An error the command line reports as one clear line and a specific exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export const usageError = (message: string) => new CliError(message, EXIT_USAGE);
export const dataError = (message: string) => new CliError(message, EXIT_DATAERR);

/** Every problem of an input file, one line each naming file, row and column; nothing was written. */
export function fileIssuesError(issues: readonly { file: string; row: number; column: string | null; message: string }[]): CliError {
  const lines = issues.map((i) => `  ${i.file}: row ${i.row}${i.column ? `, column ${i.column}` : ''}: ${i.message}`);
  return dataError(`${issues.length} problem(s), nothing written:\n${lines.join('\n')}`);
}
