/**
 * Cuts a list of `total` users into consecutive batches of `batchSize` (the last one may be shorter).
 * `start` is inclusive and `end` exclusive, both 0-based positions in the list.
 */

export interface Batch {
  /** 0-based batch number. */
  index: number;
  start: number;
  end: number;
}

export function splitIntoBatches(total: number, batchSize: number): Batch[] {
  if (!Number.isSafeInteger(total) || total < 0) {
    throw new RangeError(`total is ${total}; expected a whole number >= 0`);
  }
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`batchSize is ${batchSize}; expected a whole number >= 1`);
  }
  const batches: Batch[] = [];
  for (let start = 0; start < total; start += batchSize) {
    batches.push({ index: batches.length, start, end: Math.min(start + batchSize, total) });
  }
  return batches;
}

/** Stable, human title of a batch, counting from 1: `batch 2 · users 101–200`. */
export function batchTitle(index: number, start: number, end: number): string {
  return `batch ${index + 1} · users ${start + 1}–${end}`;
}
