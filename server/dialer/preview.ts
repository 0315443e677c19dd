import type { CampaignContactRecord, CampaignRecord } from '../../crm-core/index.js';
import { HttpError } from '../http/errors.js';
import { attemptChannelId } from './keys.js';
import type { DialerDeps } from './ports.js';
import { callableContacts } from './screen.js';

/**
 * Preview mode, for the agent console and the REST API: the agent asks for the next record,
 * reads it, then dials it or skips it. A record is held for one agent at a time (`holdMs`);
 * a hold that lapses frees the record for someone else.
 */
export interface PreviewPort {
  /** The record this agent previews (the one held already, else the next callable one). */
  next(campaignId: number, agentId: string): Promise<CampaignContactRecord | null>;
  /** Dials the held record; the answered call is offered to this agent first. */
  dial(campaignId: number, agentId: string, contactId: number): Promise<{ callId: string }>;
  /** Puts the held record back, due again after the campaign's no-answer delay. */
  skip(campaignId: number, agentId: string, contactId: number): Promise<void>;
}

const conflict = (message: string, details: Record<string, unknown> = {}) =>
  new HttpError(409, 'conflict', message, details);

export function previewPort(deps: DialerDeps, holdMs = 5 * 60_000): PreviewPort {
  const { crm, redis, keys } = deps;

  async function previewing(campaignId: number): Promise<CampaignRecord> {
    const c = await crm.campaigns.get(campaignId);
    if (c.mode !== 'preview') throw conflict('not a preview campaign', { mode: c.mode });
    if (c.state !== 'running') throw conflict('the campaign is not running', { state: c.state });
    return c;
  }

  async function held(campaignId: number, agentId: string, contactId: number): Promise<void> {
    const mine = await redis.get(keys.preview(campaignId, agentId));
    if (mine !== String(contactId)) {
      throw conflict('this record is not held for you: ask for the next one', { contactId });
    }
  }

  async function release(campaignId: number, agentId: string, contactId: number): Promise<void> {
    await redis.del(keys.preview(campaignId, agentId), keys.previewHeld(contactId));
  }

  return {
    async next(campaignId, agentId) {
      const c = await previewing(campaignId);
      const mine = await redis.get(keys.preview(campaignId, agentId));
      if (mine) {
        const contact = await crm.campaignContacts.get(Number(mine));
        if (contact.status === 'pending' || contact.status === 'retry') return contact;
        await release(campaignId, agentId, contact.id);
      }
      // Take the first callable record no other agent holds.
      const take = async (contactId: number) =>
        (await redis.set(keys.previewHeld(contactId), agentId, 'PX', holdMs, 'NX')) !== 'OK';
      const { contacts } = await callableContacts(deps, c, 1, take);
      const contact = contacts[0];
      if (!contact) return null;
      await redis.set(keys.preview(campaignId, agentId), String(contact.id), 'PX', holdMs);
      return contact;
    },

    async dial(campaignId, agentId, contactId) {
      await previewing(campaignId);
      await held(campaignId, agentId, contactId);
      const contact = await crm.campaignContacts.get(contactId);
      const attempt = contact.attempts + 1;
      const channelId = attemptChannelId(campaignId, contactId, attempt);
      // The claim checks the DNC list again, at dial time.
      const claimed = await crm.campaignAttempts.claim(contact, channelId);
      await release(campaignId, agentId, contactId);
      if (!claimed) throw conflict('this record can no longer be dialed', { contactId });
      await deps.addDialJob({ campaignId, contactId, attempt, channelId, agentId });
      return { callId: channelId };
    },

    async skip(campaignId, agentId, contactId) {
      const c = await previewing(campaignId);
      await held(campaignId, agentId, contactId);
      const until = new Date(deps.now().getTime() + c.retryDelayMinutes.no_answer * 60_000);
      await crm.campaignContacts.defer(contactId, until);
      await release(campaignId, agentId, contactId);
    },
  };
}
