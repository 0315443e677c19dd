import type { Crm, User } from '../../crm-core/index.js';

/** The CRM's numeric id behind an id string (users, customers, complaints, campaigns); null if not one. */
export function crmId(id: string | null | undefined): number | null {
  return id != null && /^\d{1,15}$/.test(id) ? Number(id) : null;
}

/** The CRM user behind an agent id; null when there is none (or the CRM cannot say). */
export async function crmUser(crm: Pick<Crm, 'users'>, agentId: string): Promise<User | null> {
  const id = crmId(agentId);
  return id === null ? null : crm.users.get(id).catch(() => null);
}
