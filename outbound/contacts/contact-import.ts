import { OutboundError } from '../errors.js';
import { assertRegion, normalisePhone } from '../phone.js';
import { assertTimeZone, isValidTimeZone } from '../time/zoned-clock.js';
import { columnField, type ContactField } from './columns.js';
import { DEFAULT_MAX_ROWS, readCsvTable } from './csv-table.js';
import type { DncList } from './dnc.js';

/**
 * A campaign contact list from CSV. Known columns (in English or Chinese) fill the contact;
 * every other column is kept in `data` for the agent's screen and the script.
 */
export interface ImportedContact {
  /** E.164. */
  phone: string;
  name: string | null;
  timezone: string;
  account: string | null;
  data: Record<string, string>;
  /** Line of the row the contact was kept from. */
  line: number;
}

export interface RejectedRow {
  line: number;
  reason: string;
}

export interface MergedDuplicate {
  phone: string;
  keptLine: number;
  mergedLines: number[];
  /** Fields whose value on a merged row differed from the kept one and was dropped. */
  conflicts: string[];
}

export interface DncSkip {
  phone: string;
  line: number;
}

export interface ContactImportResult {
  contacts: ImportedContact[];
  rejected: RejectedRow[];
  merged: MergedDuplicate[];
  skippedDnc: DncSkip[];
}

export interface ContactImportOptions {
  /** Region for numbers written without a country code. */
  defaultRegion?: string;
  /** Zone of rows that give none (usually the campaign's). */
  defaultTimezone: string;
  dnc?: DncList;
  maxRows?: number;
}

const MAX_NAME = 200;
const MAX_ACCOUNT = 64;
const MAX_VALUE = 1000;

export function importContacts(
  input: string | Uint8Array,
  options: ContactImportOptions,
): ContactImportResult {
  const region = options.defaultRegion ?? 'CN';
  assertRegion(region);
  assertTimeZone(options.defaultTimezone, 'default time zone');
  const table = readCsvTable(input, options.maxRows ?? DEFAULT_MAX_ROWS);
  const columns = table.header.map((name) => ({ name, field: columnField(name) }));
  if (!columns.some((c) => c.field === 'phone')) {
    throw new OutboundError(
      'invalid_csv',
      `line ${table.headerLine}: no phone column (expected one of: phone, number, mobile, 电话, 手机)`,
      { header: table.header },
    );
  }

  const rejected: RejectedRow[] = [];
  const byPhone = new Map<string, { contact: RowContact; merge: MergedDuplicate | null }>();
  const order: string[] = [];

  for (const row of table.rows) {
    if (row.cells.length > columns.length) {
      rejected.push({
        line: row.line,
        reason: `has ${row.cells.length} fields but the header has ${columns.length}`,
      });
      continue;
    }
    const parsed = readRow(row.cells, columns, region);
    if (!parsed.ok) {
      rejected.push({ line: row.line, reason: parsed.reason });
      continue;
    }
    const contact: RowContact = { ...parsed.contact, line: row.line };
    const existing = byPhone.get(contact.phone);
    if (!existing) {
      byPhone.set(contact.phone, { contact, merge: null });
      order.push(contact.phone);
      continue;
    }
    existing.merge ??= {
      phone: contact.phone,
      keptLine: existing.contact.line,
      mergedLines: [],
      conflicts: [],
    };
    mergeInto(existing.contact, contact, existing.merge);
  }

  const contacts: ImportedContact[] = [];
  const merged: MergedDuplicate[] = [];
  const skippedDnc: DncSkip[] = [];
  for (const phone of order) {
    const entry = byPhone.get(phone);
    if (!entry) continue;
    if (entry.merge) merged.push(entry.merge);
    if (options.dnc?.has(phone)) skippedDnc.push({ phone, line: entry.contact.line });
    else {
      contacts.push({
        ...entry.contact,
        timezone: entry.contact.timezone ?? options.defaultTimezone,
      });
    }
  }
  return { contacts, rejected, merged, skippedDnc };
}

/** A row's contact before defaults: a zone left empty may still come from a duplicate row. */
type RowContact = Omit<ImportedContact, 'timezone'> & { timezone: string | null };

type RowResult = { ok: true; contact: Omit<RowContact, 'line'> } | { ok: false; reason: string };

function readRow(
  cells: string[],
  columns: { name: string; field: ContactField | undefined }[],
  region: string,
): RowResult {
  const known: Partial<Record<ContactField, string>> = {};
  const data: Record<string, string> = {};
  columns.forEach((col, i) => {
    const value = cells[i] ?? '';
    if (col.field) known[col.field] = value;
    else if (value !== '') data[col.name] = value;
  });
  const phone = normalisePhone(known.phone ?? '', region);
  if (!phone.ok) return { ok: false, reason: phone.reason };
  const timezone = known.timezone || null;
  if (timezone !== null && !isValidTimeZone(timezone)) {
    return {
      ok: false,
      reason: `time zone "${timezone}" is not an IANA zone such as Asia/Shanghai`,
    };
  }
  const name = known.name || null;
  if (name && name.length > MAX_NAME) {
    return { ok: false, reason: `name is longer than ${MAX_NAME} characters` };
  }
  const account = known.account || null;
  if (account && account.length > MAX_ACCOUNT) {
    return { ok: false, reason: `account is longer than ${MAX_ACCOUNT} characters` };
  }
  const long = Object.entries(data).find(([, v]) => v.length > MAX_VALUE);
  if (long) return { ok: false, reason: `${long[0]} is longer than ${MAX_VALUE} characters` };
  return { ok: true, contact: { phone: phone.e164, name, timezone, account, data } };
}

/** The first row wins; later rows only fill what it left empty. */
function mergeInto(kept: RowContact, dup: RowContact, report: MergedDuplicate): void {
  report.mergedLines.push(dup.line);
  const conflict = (field: string) => {
    if (!report.conflicts.includes(field)) report.conflicts.push(field);
  };
  if (dup.name !== null) {
    if (kept.name === null) kept.name = dup.name;
    else if (kept.name !== dup.name) conflict('name');
  }
  if (dup.account !== null) {
    if (kept.account === null) kept.account = dup.account;
    else if (kept.account !== dup.account) conflict('account');
  }
  if (dup.timezone !== null) {
    if (kept.timezone === null) kept.timezone = dup.timezone;
    else if (kept.timezone !== dup.timezone) conflict('timezone');
  }
  for (const [key, value] of Object.entries(dup.data)) {
    const current = kept.data[key];
    if (current === undefined) kept.data[key] = value;
    else if (current !== value) conflict(key);
  }
}
