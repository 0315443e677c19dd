import { OutboundError } from '../errors.js';
import { assertRegion, normalisePhone } from '../phone.js';
import { columnField } from './columns.js';
import { DEFAULT_MAX_ROWS, readCsvRows } from './csv-table.js';

/**
 * The do-not-call list as the pure code sees it: membership by E.164 number. A `Set<string>`
 * is one; the worker may pass a view over a database table instead.
 */
export interface DncList {
  has(phoneE164: string): boolean;
}

export interface DncImportResult {
  /** Distinct E.164 numbers, in file order. */
  numbers: string[];
  rejected: { line: number; reason: string }[];
  /** Rows whose number was already listed earlier in the file. */
  duplicates: number;
}

/**
 * A DNC file: either with a header naming a phone column (other columns, such as a reason or a
 * date, are ignored) or a bare list of numbers in the first column.
 */
export function importDncList(
  input: string | Uint8Array,
  options: { defaultRegion?: string; maxRows?: number } = {},
): DncImportResult {
  const region = options.defaultRegion ?? 'CN';
  assertRegion(region);
  const rows = readCsvRows(input, options.maxRows ?? DEFAULT_MAX_ROWS);
  const first = rows[0];
  if (!first) throw new OutboundError('invalid_csv', 'the file is empty');

  let column = 0;
  let body = rows;
  const headerColumn = first.cells.findIndex((c) => columnField(c) === 'phone');
  if (headerColumn >= 0) {
    column = headerColumn;
    body = rows.slice(1);
  } else if (!normalisePhone(first.cells[0] ?? '', region).ok) {
    throw new OutboundError(
      'invalid_csv',
      `line ${first.line}: no phone column header and "${first.cells[0] ?? ''}" is not a number`,
    );
  }

  const seen = new Set<string>();
  const numbers: string[] = [];
  const rejected: DncImportResult['rejected'] = [];
  let duplicates = 0;
  for (const row of body) {
    const phone = normalisePhone(row.cells[column] ?? '', region);
    if (!phone.ok) {
      rejected.push({ line: row.line, reason: phone.reason });
    } else if (seen.has(phone.e164)) {
      duplicates++;
    } else {
      seen.add(phone.e164);
      numbers.push(phone.e164);
    }
  }
  return { numbers, rejected, duplicates };
}
