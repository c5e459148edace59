// Runs an async function over items with at most `limit` calls in flight, results in input order.
// Reading thousands of script files one await at a time leaves the disk and the thread idle between
// reads; a few reads in flight overlap I/O with decoding while keeping open file handles bounded.

export async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const k = next++;
      const item = items[k];
      if (item !== undefined) results[k] = await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
