/**
 * Failed-login counting. The server uses the CRM's PostgreSQL-backed counter
 * (`crm.loginAttempts`), which every node shares; anything with these three methods will do,
 * e.g. a Redis counter in front of a large deployment.
 */
export interface ThrottleState {
  blocked: boolean;
  retryAfterSeconds: number;
}

export interface LoginRateLimiter {
  check(key: string): Promise<ThrottleState>;
  recordFailure(key: string): Promise<ThrottleState>;
  reset(key: string): Promise<void>;
}

/** One counter per username and client address: a guesser cannot lock out a user everywhere. */
export function loginKey(username: string, ip: string | undefined): string {
  return `${username.trim().toLowerCase()}|${ip ?? 'unknown'}`;
}
