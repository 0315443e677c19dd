import { HttpError } from '../http/errors.js';
import type { Crm } from '../../crm-core/index.js';
import { importContacts, type MergedDuplicate, type RejectedRow } from '../../outbound/index.js';
import type { RawBody } from './route.js';

export const CSV_BODY: RawBody = {
  types: ['text/csv', 'text/plain', 'application/octet-stream'],
  description: 'the CSV file itself, UTF-8 (with or without BOM), header on the first line',
};

export interface ContactImportReport {
  campaignId: number;
  /** New contacts stored. */
  imported: number;
  /** Rows whose number the campaign already had: merged into that contact. */
  mergedIntoExisting: number;
  /** Rows of the file with the same number as an earlier row, merged into it. */
  mergedInFile: MergedDuplicate[];
  rejected: RejectedRow[];
  /** Numbers on the do-not-call list: not imported. */
  skippedDnc: { phone: string; line: number }[];
}

/**
 * outbound's pure parser reads and validates the file; the DNC list is asked once for every
 * number in it; the good rows go to the campaign in one transaction.
 */
export async function importCampaignContacts(
  crm: Crm,
  campaignId: number,
  bytes: Uint8Array,
  region: string,
): Promise<ContactImportReport> {
  const campaign = await crm.campaigns.get(campaignId);
  if (campaign.state === 'stopped') {
    throw new HttpError(409, 'illegal_transition', 'a stopped campaign takes no more contacts', {
      state: campaign.state,
    });
  }
  const parsed = importContacts(bytes, {
    defaultRegion: region,
    defaultTimezone: campaign.defaultTimezone,
  });
  const listed = await crm.dnc.listed(parsed.contacts.map((c) => c.phone));
  const keep = parsed.contacts.filter((c) => !listed.has(c.phone));
  const saved = await crm.campaignContacts.import(campaignId, keep);
  return {
    campaignId,
    imported: saved.inserted,
    mergedIntoExisting: saved.mergedIntoExisting,
    mergedInFile: parsed.merged,
    rejected: parsed.rejected,
    skippedDnc: parsed.contacts
      .filter((c) => listed.has(c.phone))
      .map((c) => ({ phone: c.phone, line: c.line })),
  };
}
