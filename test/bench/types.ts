/** What every `*.bench.ts` exports: `export async function run(ctx: BenchContext)`. */
export interface BenchContext {
  /** Smaller sizes for a fast look; the full run is the one whose figures go into notes. */
  quick: boolean;
  log: (line: string) => void;
}
