import { AriError } from './errors.js';

/**
 * Checks that ARI answers and accepts the credentials before handing over to ari-client: when
 * its Swagger loader gets an error status it throws from inside an HTTP callback, which would
 * crash the process instead of failing the connection attempt.
 */
export type PreflightFn = (url: string, username: string, password: string) => Promise<void>;

export const httpPreflight: PreflightFn = async (url, username, password) => {
  const auth = Buffer.from(`${username}:${password}`).toString('base64');
  let res: Response;
  try {
    res = await fetch(new URL('/ari/api-docs/resources.json', url), {
      headers: { authorization: `Basic ${auth}`, accept: 'application/json' },
      signal: AbortSignal.timeout(5000),
    });
  } catch (err) {
    throw new AriError('unavailable', `ARI at ${safeUrl(url)} does not answer`, undefined, {
      cause: err,
    });
  }
  await res.arrayBuffer();
  if (res.status === 401 || res.status === 403) {
    throw new AriError(
      'unauthorized',
      `ARI at ${safeUrl(url)} refused the credentials of user ${username}`,
      res.status,
    );
  }
  if (res.status !== 200) {
    throw new AriError('unavailable', `ARI at ${safeUrl(url)} answered ${res.status}`, res.status);
  }
};

/** The URL without any user:password part, for logs. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return '(invalid URL)';
  }
}
