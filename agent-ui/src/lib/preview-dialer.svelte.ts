import { Action } from './action.svelte.js';
import type { ApiClient } from './api.js';
import type {
  CampaignListResponse,
  CampaignView,
  PreviewContactView,
  PreviewDialResponse,
  PreviewNextResponse,
} from './contracts.js';
import { Loader } from './loader.svelte.js';

/**
 * Preview dialing for an agent: pick a running preview campaign, read the next record (held for
 * this agent by the server), then dial it or skip it. The answered call arrives as an ordinary
 * offer with the campaign's marker.
 */
export class PreviewDialer {
  readonly campaigns = new Loader<CampaignView[]>();
  campaignId = $state<number | null>(null);
  contact = $state<PreviewContactView | null>(null);
  /** Asked for a record and the campaign had none callable now. */
  exhausted = $state(false);
  dialedCallId = $state<string | null>(null);
  readonly action = new Action();

  constructor(private readonly api: ApiClient) {}

  async load(): Promise<void> {
    const running = await this.campaigns.run(
      async () =>
        (await this.api.get<CampaignListResponse>('/campaigns', { state: 'running' })).items,
    );
    const preview = (running ?? []).filter((c) => c.mode === 'preview');
    this.campaigns.value = preview;
    if (this.campaignId === null || !preview.some((c) => c.id === this.campaignId)) {
      this.campaignId = preview[0]?.id ?? null;
    }
  }

  async next(): Promise<PreviewContactView | null> {
    const id = this.campaignId;
    if (id === null) return null;
    const r = await this.action.run(() =>
      this.api.post<PreviewNextResponse>(`/campaigns/${id}/preview/next`, {}),
    );
    this.contact = r?.contact ?? null;
    this.exhausted = r !== null && r.contact === null;
    this.dialedCallId = null;
    return this.contact;
  }

  async dial(): Promise<string | null> {
    const c = this.contact;
    if (!c) return null;
    const r = await this.action.run(() =>
      this.api.post<PreviewDialResponse>(`/campaigns/${c.campaignId}/preview/dial`, {
        contactId: c.id,
      }),
    );
    if (!r) return null;
    this.contact = null;
    this.dialedCallId = r.callId;
    return r.callId;
  }

  async skip(): Promise<boolean> {
    const c = this.contact;
    if (!c) return false;
    const ok = await this.action.run(async () => {
      await this.api.post<null>(`/campaigns/${c.campaignId}/preview/skip`, { contactId: c.id });
      return true;
    });
    if (ok) this.contact = null;
    return ok ?? false;
  }
}
