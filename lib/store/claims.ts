/**
 * The run id is a fencing token: a run writes its results, progress and end only while its row
 * is still `running`. A run whose claim was taken over (a later holder of the run lock found it
 * `running` and marked it `interrupted`) can no longer write; its write is rolled back whole.
 */
export class RunClaimLostError extends Error {
  constructor(readonly runId: string) {
    super(`run ${runId} lost its claim on the store (another run took over after its lock lapsed); nothing more of it was written`);
    this.name = 'RunClaimLostError';
  }
}
