import type { ApiClient } from './api.js';
import type {
  CustomerDetail,
  CustomerListItem,
  CustomerListResponse,
  TimelineEntry,
  TimelineResponse,
} from './contracts.js';
import { Loader } from './loader.svelte.js';

/** Customer search by name, phone, account number or ticket. */
export class CustomerSearch {
  query = $state('');
  readonly results = new Loader<CustomerListItem[]>();
  readonly canSearch = $derived(this.query.trim().length >= 2);

  constructor(private readonly api: ApiClient) {}

  search(): Promise<CustomerListItem[] | null> {
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

  constructor(private readonly api: ApiClient) {}

  async open(customerId: string): Promise<void> {
    this.customerId = customerId;
    const id = encodeURIComponent(customerId);
    await Promise.all([
      this.detail.run(() => this.api.get<CustomerDetail>(`/customers/${id}`)),
      this.timeline.run(
        async () => (await this.api.get<TimelineResponse>(`/customers/${id}/timeline`)).items,
      ),
    ]);
  }
}
