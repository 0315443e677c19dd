import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** ARI credentials come as HTTP basic auth or as `?api_key=user:password`. */
export function credentialsOf(req: IncomingMessage, url: URL): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Basic ')) {
    return Buffer.from(header.slice(6), 'base64').toString('utf8');
  }
  return url.searchParams.get('api_key') ?? undefined;
}

export function credentialsMatch(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
