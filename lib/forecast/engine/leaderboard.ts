/** Stable insertion sort of a leaderboard slice by error (NaN last). */
export function sortBoard(model: Int32Array, error: Float64Array, from: number, to: number): void {
  for (let a = from + 1; a < to; a++) {
    const mv = model[a];
    const ev = error[a];
    let b = a - 1;
    while (b >= from && (error[b] > ev || (Number.isNaN(error[b]) && !Number.isNaN(ev)))) {
      model[b + 1] = model[b];
      error[b + 1] = error[b];
      b--;
    }
    model[b + 1] = mv;
    error[b + 1] = ev;
  }
}
