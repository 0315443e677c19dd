import type { ApiClient } from './api.js';
import type { RecordingItem, RecordingListResponse } from './contracts.js';
import { fromLocalInput, toLocalInput } from './format.js';
import { Loader } from './loader.svelte.js';

/** Search past calls' recordings and play one in the page. */
export class RecordingSearch {
  from = $state('');
  to = $state('');
  query = $state('');
  playing = $state<RecordingItem | null>(null);
  readonly results = new Loader<RecordingItem[]>();

  constructor(
    private readonly api: ApiClient,
    now: Date = new Date(),
  ) {
    this.to = toLocalInput(now);
    this.from = toLocalInput(new Date(now.getTime() - 24 * 3_600_000));
  }

  search(): Promise<RecordingItem[] | null> {
    this.playing = null;
    const query = {
      from: fromLocalInput(this.from) ?? undefined,
      to: fromLocalInput(this.to) ?? undefined,
      q: this.query.trim() || undefined,
    };
    return this.results.run(
      async () => (await this.api.get<RecordingListResponse>('/console/recordings', query)).items,
    );
  }

  play(item: RecordingItem): void {
    this.playing = item;
  }
}
