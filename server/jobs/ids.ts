/**
 * A custom BullMQ job id from its parts, joined with '-'. BullMQ refuses ':' in custom ids (its
 * own repeat ids use it as a separator), and an id that is stable for the same parts is what
 * makes "add the same job twice" a no-op. Parts must be non-empty and free of ':'.
 */
export function jobId(...parts: (string | number)[]): string {
  if (parts.length === 0) throw new Error('jobId: at least one part is needed');
  return parts
    .map((p) => {
      const s = String(p);
      if (!s || s.includes(':')) {
        throw new Error(`jobId: part ${JSON.stringify(s)} is empty or contains ':'`);
      }
      return s;
    })
    .join('-');
}
