import type { ApiClient } from './api.js';
import type {
  CallbackStatus,
  CrmCallback,
  CrmCustomer,
  CustomerDetail,
  CustomerListResponse,
  TimelineEntry,
  TimelineResponse,
} from './contracts.js';
import { Loader } from './loader.svelte.js';

/** Customer search by name, phone, account number or ticket. */
export class CustomerSearch {
  query = $state('');
  readonly results = new Loader<CrmCustomer[]>();
  readonly canSearch = $derived(this.query.trim().length >= 2);

  constructor(private readonly api: ApiClient) {}

  search(): Promise<CrmCustomer[] | null> {
    const q = this.query.trim();
    if (q.length < 2) return Promise.resolve(null);
    return this.results.run(
      async () => (await this.api.get<CustomerListResponse>('/customers', { q })).items,
    );
  }
}

/** One customer with the full timeline, newest first. */
export class CustomerPage {
  readonly detail = new Loader<CustomerDetail>();
  readonly timeline = new Loader<TimelineEntry[]>();
  customerId = $state<string | null>(null);
  nextCursor = $state<string | null>(null);

  constructor(private readonly api: ApiClient) {}

  async open(customerId: string): Promise<void> {
    this.customerId = customerId;
    const id = encodeURIComponent(customerId);
    await Promise.all([
      this.detail.run(() => this.api.get<CustomerDetail>(`/customers/${id}`)),
      this.timeline.run(async () => {
        const page = await this.api.get<TimelineResponse>(`/customers/${id}/timeline`);
        this.nextCursor = page.nextCursor;
        return page.items;
      }),
    ]);
  }

  /** A callback of the timeline is now in `status` (cancelled by the agent, or found closed). */
  callbackSettled(callbackId: number, status: CallbackStatus, callback: CrmCallback | null): void {
    const shown = this.timeline.value;
    if (!shown) return;
    this.timeline.value = shown.map((e) =>
      e.type === 'callback' && e.id === callbackId
        ? { ...e, item: { ...e.item, status, ...(callback ? { notes: callback.notes } : {}) } }
        : e,
    );
  }

  /** The next, older page of the timeline. */
  async more(): Promise<void> {
    const cursor = this.nextCursor;
    if (!this.customerId || !cursor) return;
    const id = encodeURIComponent(this.customerId);
    const shown = this.timeline.value ?? [];
    await this.timeline.run(async () => {
      const page = await this.api.get<TimelineResponse>(`/customers/${id}/timeline`, { cursor });
      this.nextCursor = page.nextCursor;
      return [...shown, ...page.items];
    });
  }
}
