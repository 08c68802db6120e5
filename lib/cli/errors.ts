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

interface FileProblem {
  file: string;
  row: number;
  column: string | null;
  message: string;
  item?: string;
}

/** One problem of an input file as a line naming file, row, column and item where it has them. */
export const issueLine = (i: FileProblem): string =>
  `  ${i.file}: row ${i.row}${i.column ? `, column ${i.column}` : ''}${i.item ? `, item ${i.item}` : ''}: ${i.message}`;

/** Every problem of an input file, one line each; nothing was written. */
export function fileIssuesError(issues: readonly FileProblem[]): CliError {
  return dataError(`${issues.length} problem(s), nothing written:\n${issues.map(issueLine).join('\n')}`);
}
