import { Action } from './action.svelte.js';
import type { ApiClient } from './api.js';
import type {
  CampaignAction,
  CampaignInput,
  CampaignListResponse,
  CampaignMode,
  CampaignState,
  CampaignStatsView,
  CampaignView,
  ContactImportReportView,
} from './contracts.js';
import { Loader } from './loader.svelte.js';

/** Which verbs a supervisor may press in each state (the server refuses the others with 409). */
const ACTIONS: Record<CampaignState, readonly CampaignAction[]> = {
  draft: ['start'],
  running: ['pause', 'stop'],
  paused: ['resume', 'stop'],
  stopped: [],
};

export function campaignActions(state: CampaignState): readonly CampaignAction[] {
  return ACTIONS[state];
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The "new campaign" form: what a supervisor types, checked before it is sent. */
export class CampaignDraft {
  name = $state('');
  queueId = $state('');
  mode = $state<CampaignMode>('progressive');
  callerId = $state('');
  hoursStart = $state('09:00');
  hoursEnd = $state('21:00');
  maxAttempts = $state(3);
  /** Percent of live answers, as the law states it. */
  abandonCapPercent = $state(3);

  /** Field → what is wrong; empty when the form can be sent. */
  readonly problems = $derived.by(() => {
    const p: Record<string, string> = {};
    if (!this.name.trim()) p.name = 'required';
    if (!this.queueId.trim()) p.queueId = 'required';
    if (!this.callerId.trim()) p.callerId = 'required';
    if (!HHMM.test(this.hoursStart)) p.hoursStart = 'time';
    if (!HHMM.test(this.hoursEnd)) p.hoursEnd = 'time';
    if (!Number.isInteger(this.maxAttempts) || this.maxAttempts < 1 || this.maxAttempts > 20)
      p.maxAttempts = 'range';
    if (!(this.abandonCapPercent > 0 && this.abandonCapPercent <= 50))
      p.abandonCapPercent = 'range';
    return p;
  });
  readonly valid = $derived(Object.keys(this.problems).length === 0);

  toInput(): CampaignInput {
    return {
      name: this.name.trim(),
      queueId: this.queueId.trim(),
      mode: this.mode,
      callerId: this.callerId.trim(),
      callingHours: { start: this.hoursStart, end: this.hoursEnd },
      maxAttempts: this.maxAttempts,
      abandonCap: { maxRate: this.abandonCapPercent / 100 },
    };
  }
}

/**
 * The supervisor's campaigns page: the list, the selected campaign's live figures (polled while
 * the page is open), the state verbs, contact-list import and the new-campaign form.
 */
export class CampaignBoard {
  readonly list = new Loader<CampaignView[]>();
  readonly stats = new Loader<CampaignStatsView>();
  selectedId = $state<number | null>(null);
  draft = $state<CampaignDraft | null>(null);
  /** Create, the state verbs and import: busy flag and the server's last refusal. */
  readonly action = new Action();
  lastImport = $state<ContactImportReportView | null>(null);

  readonly selected = $derived(this.list.value?.find((c) => c.id === this.selectedId) ?? null);
  #timer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly api: ApiClient) {}

  async load(): Promise<void> {
    const items = await this.list.run(
      async () => (await this.api.get<CampaignListResponse>('/campaigns', { limit: '100' })).items,
    );
    if (items && this.selectedId === null && items[0]) await this.select(items[0].id);
  }

  async select(id: number): Promise<void> {
    if (this.selectedId !== id) {
      this.stats.reset();
      this.lastImport = null;
    }
    this.selectedId = id;
    this.action.error = null;
    await this.refreshStats();
  }

  refreshStats(): Promise<CampaignStatsView | null> {
    const id = this.selectedId;
    if (id === null) return Promise.resolve(null);
    return this.stats.run(() => this.api.get<CampaignStatsView>(`/campaigns/${id}/stats`));
  }

  /** Live figures every `ms` while the page is shown; `stopPolling` on leaving it. */
  startPolling(ms = 2000): void {
    this.stopPolling();
    this.#timer = setInterval(() => void this.refreshStats(), ms);
  }

  stopPolling(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  newDraft(): void {
    this.draft = new CampaignDraft();
    this.action.error = null;
  }

  cancelDraft(): void {
    this.draft = null;
  }

  async create(): Promise<CampaignView | null> {
    const draft = this.draft;
    if (!draft?.valid) return null;
    const created = await this.action.run(() =>
      this.api.post<CampaignView>('/campaigns', draft.toInput()),
    );
    if (!created) return null;
    this.draft = null;
    this.list.value = [created, ...(this.list.value ?? [])];
    await this.select(created.id);
    return created;
  }

  async act(action: CampaignAction): Promise<CampaignView | null> {
    const id = this.selectedId;
    if (id === null) return null;
    const updated = await this.action.run(() =>
      this.api.post<CampaignView>(`/campaigns/${id}/${action}`, {}),
    );
    if (!updated) return null;
    this.list.value = (this.list.value ?? []).map((c) => (c.id === updated.id ? updated : c));
    await this.refreshStats();
    return updated;
  }

  /** Sends a CSV file as it is; the report says what was imported and which lines were bad. */
  async importCsv(csv: string): Promise<ContactImportReportView | null> {
    const id = this.selectedId;
    if (id === null) return null;
    const report = await this.action.run(() =>
      this.api.postText<ContactImportReportView>(
        `/campaigns/${id}/contacts/import`,
        csv,
        'text/csv',
      ),
    );
    if (report) {
      this.lastImport = report;
      await this.refreshStats();
    }
    return report;
  }
}
