import type { ApiClient } from './api.js';
import type { QueueReportResponse } from './contracts.js';
import { fromLocalInput, toLocalInput } from './format.js';
import { Loader } from './loader.svelte.js';

/** The historical queue report for an interval, with its CSV export link. */
export class QueueReport {
  from = $state('');
  to = $state('');
  readonly report = new Loader<QueueReportResponse>();

  readonly range = $derived({ from: fromLocalInput(this.from), to: fromLocalInput(this.to) });
  readonly rangeValid = $derived(
    this.range.from !== null &&
      this.range.to !== null &&
      Date.parse(this.range.to) > Date.parse(this.range.from),
  );
  readonly csvUrl = $derived.by(() =>
    this.rangeValid
      ? this.api.url('/reports/queues', {
          from: this.range.from ?? undefined,
          to: this.range.to ?? undefined,
          format: 'csv',
        })
      : null,
  );

  constructor(
    private readonly api: ApiClient,
    now: Date = new Date(),
  ) {
    const midnight = new Date(now);
    midnight.setHours(0, 0, 0, 0);
    this.from = toLocalInput(midnight);
    this.to = toLocalInput(now);
  }

  load(): Promise<QueueReportResponse | null> {
    if (!this.rangeValid) return Promise.resolve(null);
    return this.report.run(() =>
      this.api.get<QueueReportResponse>('/reports/queues', {
        from: this.range.from ?? undefined,
        to: this.range.to ?? undefined,
      }),
    );
  }
}
