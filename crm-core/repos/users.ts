import type { Knex } from 'knex';
import type { CrmContext, Db } from '../context.js';
import { CrmError, notFound, uniqueViolation } from '../errors.js';
import { UserCreateInput, UserListQuery, UserUpdateInput, parseInput } from '../schemas/index.js';
import type { SkillLevel, User } from '../types.js';
import { toUser } from './mappers.js';
import { hashPassword, verifyPassword } from './passwords.js';
import type { Row } from './rows.js';

const SELECT_USER = `
  select u.id, u.username, u.display_name, u.role, u.language, u.enabled, u.endpoint,
         u.created_at, u.updated_at,
         coalesce((select json_agg(json_build_object('skill', s.skill, 'proficiency', s.proficiency)
                                   order by s.skill)
                   from user_skills s where s.user_id = u.id), '[]') as skills,
         coalesce((select json_agg(q.queue order by q.queue)
                   from user_queues q where q.user_id = u.id), '[]') as queues
  from users u`;

function mapUser(r: Row): User {
  return toUser(r, r.skills as SkillLevel[], r.queues as string[]);
}

export class UserRepository {
  constructor(private readonly ctx: CrmContext) {}

  async get(id: number, db: Db = this.ctx.knex): Promise<User> {
    const { rows } = await db.raw<{ rows: Row[] }>(`${SELECT_USER} where u.id = ?`, [id]);
    const row = rows[0];
    if (!row) throw notFound('user', id);
    return mapUser(row);
  }

  async findByUsername(username: string): Promise<User | null> {
    const { rows } = await this.ctx.knex.raw<{ rows: Row[] }>(
      `${SELECT_USER} where u.username = ?`,
      [username.trim().toLowerCase()],
    );
    return rows[0] ? mapUser(rows[0]) : null;
  }

  async list(query: unknown = {}): Promise<User[]> {
    const q = parseInput(UserListQuery, query, 'user filter');
    const where: string[] = [];
    const args: Knex.RawBinding[] = [];
    if (q.role) {
      where.push('u.role = ?');
      args.push(q.role);
    }
    if (q.enabled !== undefined) {
      where.push('u.enabled = ?');
      args.push(q.enabled);
    }
    const sql = `${SELECT_USER} ${where.length ? `where ${where.join(' and ')}` : ''} order by u.id`;
    const { rows } = await this.ctx.knex.raw<{ rows: Row[] }>(sql, args);
    return rows.map(mapUser);
  }

  async create(input: unknown): Promise<User> {
    const u = parseInput(UserCreateInput, input, 'user');
    const passwordHash = await hashPassword(u.password);
    const now = this.ctx.now();
    try {
      return await this.ctx.knex.transaction(async (trx) => {
        const [row] = await trx('users')
          .insert({
            username: u.username,
            display_name: u.displayName,
            role: u.role,
            language: u.language,
            password_hash: passwordHash,
            enabled: u.enabled,
            endpoint: u.endpoint ?? null,
            created_at: now,
            updated_at: now,
          })
          .returning<{ id: number | string }[]>('id');
        const id = Number(row!.id);
        await this.replaceSkillsAndQueues(trx, id, u.skills, u.queues);
        return this.get(id, trx);
      });
    } catch (err) {
      if (uniqueViolation(err) !== null) {
        throw new CrmError('username_taken', `username ${u.username} is taken`, {
          username: u.username,
        });
      }
      throw err;
    }
  }

  async update(id: number, input: unknown): Promise<User> {
    const u = parseInput(UserUpdateInput, input, 'user update');
    const patch: Record<string, unknown> = { updated_at: this.ctx.now() };
    if (u.displayName !== undefined) patch.display_name = u.displayName;
    if (u.role !== undefined) patch.role = u.role;
    if (u.language !== undefined) patch.language = u.language;
    if (u.enabled !== undefined) patch.enabled = u.enabled;
    if (u.endpoint !== undefined) patch.endpoint = u.endpoint;
    if (u.password !== undefined) patch.password_hash = await hashPassword(u.password);
    return this.ctx.knex.transaction(async (trx) => {
      const n = await trx('users').where({ id }).update(patch);
      if (n === 0) throw notFound('user', id);
      if (u.skills || u.queues) await this.replaceSkillsAndQueues(trx, id, u.skills, u.queues);
      // A disabled account or a new password ends every open session at once.
      if (u.enabled === false || u.password !== undefined) {
        await trx('sessions')
          .where({ user_id: id })
          .whereNull('revoked_at')
          .update({ revoked_at: this.ctx.now() });
      }
      return this.get(id, trx);
    });
  }

  /** The user when the password matches and the account is enabled; null otherwise. */
  async authenticate(username: string, password: string): Promise<User | null> {
    const row = await this.ctx
      .knex('users')
      .select('id', 'password_hash', 'enabled')
      .where({ username: username.trim().toLowerCase() })
      .first<{ id: number | string; password_hash: string; enabled: boolean } | undefined>();
    const ok = await verifyPassword(row?.password_hash ?? null, password);
    if (!ok || !row || !row.enabled) return null;
    return this.get(Number(row.id));
  }

  async count(): Promise<number> {
    const row = await this.ctx.knex('users').count({ n: '*' }).first<{ n: string | number }>();
    return Number(row.n);
  }

  private async replaceSkillsAndQueues(
    trx: Db,
    userId: number,
    skills: SkillLevel[] | undefined,
    queues: string[] | undefined,
  ): Promise<void> {
    if (skills) {
      await trx('user_skills').where({ user_id: userId }).delete();
      if (skills.length) {
        await trx('user_skills').insert(
          skills.map((s) => ({ user_id: userId, skill: s.skill, proficiency: s.proficiency })),
        );
      }
    }
    if (queues) {
      await trx('user_queues').where({ user_id: userId }).delete();
      if (queues.length) {
        await trx('user_queues').insert(queues.map((q) => ({ user_id: userId, queue: q })));
      }
    }
  }
}
