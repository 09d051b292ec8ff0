/**
 * Groups an async stream into batches: a batch closes when it holds `size` items or `waitMs` after
 * its first item arrived, whichever comes first. While catching up, items come back to back and
 * batches fill; live, a batch goes out at most `waitMs` after its first item.
 */
export async function* inBatches<T>(source: AsyncIterable<T>, size: number, waitMs: number): AsyncGenerator<T[]> {
  const iterator = source[Symbol.asyncIterator]();
  let next = iterator.next();
  for (;;) {
    const first = await next;
    if (first.done) return;
    const batch = [first.value];
    next = iterator.next();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => {
        resolve('timeout');
      }, waitMs);
    });
    try {
      while (batch.length < size) {
        const result = await Promise.race([next, timeout]);
        if (result === 'timeout') break; // `next` stays pending and starts the following batch
        if (result.done) {
          yield batch;
          return;
        }
        batch.push(result.value);
        next = iterator.next();
      }
    } finally {
      clearTimeout(timer);
    }
    yield batch;
  }
}
