import { CrmError, type Crm } from '../../crm-core/index.js';
import { crmId } from './crm-ids.js';

/** A campaign's name by id, for the screen pop; null when the CRM has no such campaign. */
export type CampaignNames = (campaignId: string) => Promise<string | null>;

/** Names change rarely and every campaign call's pop needs one: kept for a minute. */
const TTL_MS = 60_000;

/** Campaign names from the CRM, cached per process for a minute; a CRM failure is thrown. */
export function campaignNamesOf(crm: Pick<Crm, 'campaigns'>, now = Date.now): CampaignNames {
  const cache = new Map<string, { name: string | null; at: number }>();
  return async (campaignId) => {
    const hit = cache.get(campaignId);
    if (hit && now() - hit.at < TTL_MS) return hit.name;
    const id = crmId(campaignId);
    const name =
      id === null
        ? null
        : await crm.campaigns.get(id).then(
            (c) => c.name,
            (err: unknown) => {
              if (err instanceof CrmError && err.code === 'not_found') return null;
              throw err;
            },
          );
    if (cache.size > 1000) cache.clear();
    cache.set(campaignId, { name, at: now() });
    return name;
  };
}
