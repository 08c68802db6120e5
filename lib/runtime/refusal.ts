/**
 * The ways domain code refuses a request, named by what went wrong, not by HTTP: the services,
 * imports, events and the demo throw these; lib/http maps each kind to a status (errors.ts), and
 * the command line to an exit code, so no domain module knows about either.
 */
export type RefusalKind =
  /** The request itself is malformed (a flag, a field, a parameter). */
  | 'bad_input'
  /** Well-formed, but the data it carries is invalid (rows, fields, unknown items). */
  | 'invalid_data'
  | 'not_found'
  /** The request conflicts with the state it meets (a run already finished, a store not empty). */
  | 'conflict'
  | 'too_large'
  | 'unsupported_media'
  /** Not now: shutting down, try again shortly. */
  | 'unavailable'
  /** The disk is full: nothing was stored. */
  | 'no_space';

/** Where in the input a problem is: file, row, column, item or line. */
export interface ErrorDetail {
  file?: string;
  row?: number;
  column?: string;
  item?: string;
  line?: number;
  message: string;
}

/** Marks a Refusal whichever copy of this module made it (below). */
const REFUSAL = Symbol.for('stockcast.refusal');

export class Refusal extends Error {
  readonly [REFUSAL] = true;

  /**
   * A brand, not the prototype chain: the service is a process singleton that one bundle of the
   * server creates and another's routes call, each with its own copy of this class, so a refusal
   * it throws failed `instanceof` in the route and answered 500 instead of 400 or 409.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as { [REFUSAL]?: unknown })[REFUSAL] === true;
  }

  constructor(
    readonly kind: RefusalKind,
    /** A stable machine-readable code, e.g. `invalid_override`. */
    readonly code: string,
    message: string,
    readonly details?: readonly ErrorDetail[],
    /** For `unavailable`: when to try again. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'Refusal';
  }
}
