import type { ApiClient } from './api.js';
import type { KnowledgeEntry, KnowledgeListResponse } from './contracts.js';
import { Loader } from './loader.svelte.js';

/** The scripts and articles for the current call's category, in the UI language. */
export class KnowledgePanel {
  readonly entries = new Loader<KnowledgeEntry[]>();
  #loadedFor: string | null = null;
  open = $state<number | null>(null);

  constructor(private readonly api: ApiClient) {}

  /** Loads once per (category, language). */
  async show(category: string | null, lang: string): Promise<void> {
    const key = `${category ?? ''}|${lang}`;
    if (key === this.#loadedFor) return;
    this.#loadedFor = key;
    this.open = null;
    if (!category) {
      this.entries.reset();
      return;
    }
    const items = await this.entries.run(
      async () =>
        (await this.api.get<KnowledgeListResponse>('/knowledge', { category, lang })).items,
    );
    // Scripts first: they are what the agent reads out.
    this.open = items?.find((e) => e.kind === 'script')?.id ?? items?.[0]?.id ?? null;
  }
}
