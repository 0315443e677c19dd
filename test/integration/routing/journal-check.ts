import type { Redis } from 'ioredis';

export interface JournalVerdict {
  reservations: number;
  releases: number;
  violations: string[];
}

/**
 * Replays the reservation journal (in Redis's own order, which is the order the scripts ran) and
 * checks that no agent ever held two calls and no call was ever held by two agents.
 */
export async function checkJournal(redis: Redis, key: string): Promise<JournalVerdict> {
  const byAgent = new Map<string, string>();
  const byCall = new Map<string, string>();
  const violations: string[] = [];
  let reservations = 0;
  let releases = 0;
  let from = '-';
  for (;;) {
    const page = await redis.xrange(key, from, '+', 'COUNT', 5000);
    for (const [id, fields] of page) {
      const f: Record<string, string> = {};
      for (let i = 0; i < fields.length; i += 2) f[fields[i]!] = fields[i + 1]!;
      const a = f.a ?? '';
      const c = f.c ?? '';
      if (f.ev === 'reserve') {
        reservations++;
        if (byAgent.has(a))
          violations.push(`${id}: agent ${a} reserved for ${c} while holding ${byAgent.get(a)}`);
        if (byCall.has(c))
          violations.push(`${id}: call ${c} offered to ${a} while held by ${byCall.get(c)}`);
        byAgent.set(a, c);
        byCall.set(c, a);
      } else {
        releases++;
        if (byAgent.get(a) !== c)
          violations.push(`${id}: agent ${a} released ${c} without holding it`);
        byAgent.delete(a);
        byCall.delete(c);
      }
    }
    if (page.length < 5000) break;
    from = `(${page[page.length - 1]![0]}`;
  }
  return { reservations, releases, violations };
}
