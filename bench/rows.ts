// A benchmark row that fails or runs out of time is recorded with its reason and the run goes on:
// a busy second core must not cost the figures of everything else.

export interface FailedRow {
  failed: string;
}

export function isFailed<T extends object>(row: T | FailedRow): row is FailedRow {
  return 'failed' in row;
}

/** `measure()`, or a failed row holding `key` (what the row is about) and why; `log` hears of it. */
export async function row<T extends object, K extends object>(label: string, log: (line: string) => void, key: K, measure: () => T | Promise<T>): Promise<T | (FailedRow & K)> {
  try {
    return await measure();
  } catch (error) {
    const reason = (error as Error).message?.split('\n')[0] || String(error);
    log(`${label} failed: ${reason}`);
    return { ...key, failed: reason };
  }
}
