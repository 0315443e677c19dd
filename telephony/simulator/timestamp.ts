/** ARI's timestamp format, always UTC: `2026-11-22T22:58:08.993+0000`. */
export function ariTimestamp(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('Z', '+0000');
}
