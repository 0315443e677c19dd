import { ApiFailure, type ApiClient } from './api.js';
import type { LoginResponse, MeResponse, SessionUser } from './contracts.js';

/** The login session: the server sets an httpOnly cookie; the token is kept in memory only. */
export class Auth {
  user = $state<SessionUser | null>(null);
  checking = $state(true);
  pending = $state(false);
  error = $state<string | null>(null);

  constructor(private readonly api: ApiClient) {}

  get token(): string | null {
    return this.api.token;
  }

  /** Asks the server whether the cookie still holds a session. */
  async check(): Promise<SessionUser | null> {
    this.checking = true;
    try {
      this.user = await this.api.get<MeResponse>('/console/me');
    } catch (err) {
      if (!(err instanceof ApiFailure) || err.status !== 401) {
        this.error = err instanceof Error ? err.message : String(err);
      }
      this.user = null;
    } finally {
      this.checking = false;
    }
    return this.user;
  }

  async login(username: string, password: string): Promise<boolean> {
    if (!username.trim() || !password) {
      this.error = 'missing';
      return false;
    }
    this.pending = true;
    this.error = null;
    try {
      const r = await this.api.post<LoginResponse>('/auth/login', {
        username: username.trim(),
        password,
      });
      this.api.token = r.token;
      this.user = r.user;
      return true;
    } catch (err) {
      this.error = err instanceof ApiFailure ? err.code : String(err);
      return false;
    } finally {
      this.pending = false;
    }
  }

  async logout(): Promise<void> {
    try {
      await this.api.post('/auth/logout', {});
    } catch {
      // The server may already have ended the session; the console forgets it either way.
    }
    this.api.token = null;
    this.user = null;
  }

  /** The server ended the session (logout elsewhere, disabled account). */
  ended(): void {
    this.api.token = null;
    this.user = null;
  }
}
