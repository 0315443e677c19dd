/** Where the integration tests find their servers; the defaults match .ci/run and dev machines. */
export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A name unique to this test file and run, safe as a schema name or key prefix. */
export function uniqueName(label: string): string {
  const rand = Math.random().toString(36).slice(2, 8);
  return `t_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${process.pid}_${rand}`;
}
