/**
 * Browsers send `Origin` with every WebSocket and cross-site request; a page from a site not in
 * the allow-list must not ride on an agent's session cookie. Same-origin pages are always
 * allowed. A request without `Origin` comes from a non-browser client (a bench, a test, a
 * service), which cannot carry someone else's cookie, so it is allowed and must still log in.
 */
export function isOriginAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowList: readonly string[],
): boolean {
  if (origin === undefined) return true;
  if (allowList.includes('*') || allowList.includes(origin)) return true;
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}
