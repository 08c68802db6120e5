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
