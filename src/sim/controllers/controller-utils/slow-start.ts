/**
 * slowStartBatch (pkg/controller/replicaset/replica_set.go): call `fn` count times in batches
 * of 1, 2, 4, 8... (each batch all at once, the next when the whole batch has answered), so
 * that a template every create fails with (a quota, an admission webhook) costs one request,
 * not hundreds. Stops after the first batch with an error; reports how many succeeded.
 */
export const SLOW_START_INITIAL_BATCH_SIZE = 1;

export function slowStartBatch<E>(
  count: number,
  initialBatchSize: number,
  fn: (done: (error?: E) => void) => void,
  finished: (successes: number, error?: E) => void,
): void {
  let remaining = count;
  let successes = 0;
  let batchSize = Math.min(remaining, initialBatchSize);
  const runBatch = () => {
    if (batchSize <= 0) return finished(successes);
    let answered = 0;
    let firstError: E | undefined;
    const size = batchSize;
    for (let i = 0; i < size; i++) {
      fn((error) => {
        if (error !== undefined) firstError ??= error;
        else successes++;
        if (++answered < size) return;
        if (firstError !== undefined) return finished(successes, firstError);
        remaining -= size;
        batchSize = Math.min(2 * size, remaining);
        runBatch();
      });
    }
  };
  runBatch();
}
