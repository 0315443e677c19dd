import { createHash, randomBytes } from 'node:crypto';
import type { CrmContext } from '../context.js';
import type { NewSession, SessionUser } from '../types.js';
import { str, type Row } from './rows.js';

/**
 * Opaque bearer tokens. Only a SHA-256 of the token is stored, so a copy of the table does not
 * let anyone log in; the token has 256 random bits, so a fast hash is enough (no salt needed).
 */
export const DEFAULT_SESSION_TTL_MS = 12 * 3600 * 1000;

function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export class SessionRepository {
  constructor(
    private readonly ctx: CrmContext,
    private readonly ttlMs: number = DEFAULT_SESSION_TTL_MS,
  ) {}

  async create(userId: number): Promise<NewSession> {
    const token = randomBytes(32).toString('base64url');
    const now = this.ctx.now();
    const expiresAt = new Date(now.getTime() + this.ttlMs);
    await this.ctx.knex('sessions').insert({
      token_hash: tokenHash(token),
      user_id: userId,
      created_at: now,
      expires_at: expiresAt,
    });
    return { token, expiresAt };
  }

  /** Who holds this token, or null when it is unknown, expired, revoked or the user disabled. */
  async verify(token: string): Promise<SessionUser | null> {
    if (typeof token !== 'string' || token.length < 16 || token.length > 256) return null;
    const { rows } = await this.ctx.knex.raw<{ rows: Row[] }>(
      `select u.id, u.username, u.role, u.display_name, u.language
         from sessions s join users u on u.id = s.user_id
        where s.token_hash = ? and s.revoked_at is null and s.expires_at > ? and u.enabled`,
      [tokenHash(token), this.ctx.now()],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      userId: str(r.id),
      username: str(r.username),
      role: str(r.role) as SessionUser['role'],
      displayName: str(r.display_name),
      language: str(r.language) as SessionUser['language'],
    };
  }

  async revoke(token: string): Promise<boolean> {
    const n = await this.ctx
      .knex('sessions')
      .where({ token_hash: tokenHash(token) })
      .whereNull('revoked_at')
      .update({ revoked_at: this.ctx.now() });
    return n > 0;
  }

  async revokeAllForUser(userId: number): Promise<number> {
    return this.ctx
      .knex('sessions')
      .where({ user_id: userId })
      .whereNull('revoked_at')
      .update({ revoked_at: this.ctx.now() });
  }

  /** Removes sessions that ended more than a day ago; answers how many. */
  async purgeExpired(): Promise<number> {
    const cutoff = new Date(this.ctx.now().getTime() - 24 * 3600 * 1000);
    return this.ctx
      .knex('sessions')
      .where('expires_at', '<', cutoff)
      .orWhere('revoked_at', '<', cutoff)
      .delete();
  }
}
