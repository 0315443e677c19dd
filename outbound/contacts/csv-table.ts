import { CsvError, parse } from 'csv-parse/sync';
import { OutboundError } from '../errors.js';

/**
 * A CSV file as a header and rows that remember the line they started on, so that every
 * rejected row can be reported as "line 17: ...". Structural faults that make the rest of the
 * file unreadable (an unclosed quote, a file that is not UTF-8) reject the whole file.
 */
export interface CsvRow {
  /** 1-based line in the file where the row starts (the header is line 1). */
  line: number;
  cells: string[];
}

export interface CsvTable {
  header: string[];
  headerLine: number;
  rows: CsvRow[];
}

export const DEFAULT_MAX_ROWS = 200_000;

export function decodeCsv(input: string | Uint8Array): string {
  if (typeof input === 'string') return input;
  try {
    // fatal: a GBK file saved by a spreadsheet must be refused, not turned into mojibake.
    return new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch {
    throw new OutboundError(
      'invalid_csv',
      'the file is not UTF-8 text; save it as "CSV UTF-8" and upload it again',
    );
  }
}

interface ParsedRecord {
  record: string[];
  info: { lines: number; empty_lines: number };
}

export function readCsvRows(input: string | Uint8Array, maxRows = DEFAULT_MAX_ROWS): CsvRow[] {
  const text = decodeCsv(input);
  let records: ParsedRecord[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      trim: true,
    }) as unknown as ParsedRecord[];
  } catch (err) {
    if (err instanceof CsvError) {
      const line = typeof err.lines === 'number' ? err.lines : undefined;
      throw new OutboundError('invalid_csv', `the CSV cannot be read: ${err.message}`, {
        csvCode: err.code,
        line,
      });
    }
    throw err;
  }
  if (records.length > maxRows + 1) {
    throw new OutboundError(
      'invalid_csv',
      `the file has ${records.length - 1} rows; at most ${maxRows} are accepted in one upload`,
    );
  }
  const rows: CsvRow[] = [];
  let prevEnd = 0;
  let prevEmpty = 0;
  for (const { record, info } of records) {
    // info.lines is where the record ends; a quoted field may span several lines.
    rows.push({ line: prevEnd + 1 + (info.empty_lines - prevEmpty), cells: record });
    prevEnd = info.lines;
    prevEmpty = info.empty_lines;
  }
  return rows;
}

/** Header names compared without case, spaces, "-" or "_": "Phone Number" = "phone_number". */
export function headerKey(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
}

export function readCsvTable(input: string | Uint8Array, maxRows = DEFAULT_MAX_ROWS): CsvTable {
  const [first, ...rows] = readCsvRows(input, maxRows);
  if (!first) throw new OutboundError('invalid_csv', 'the file is empty');
  const seen = new Map<string, number>();
  first.cells.forEach((name, i) => {
    if (name === '') {
      throw new OutboundError('invalid_csv', `line ${first.line}: column ${i + 1} has no name`);
    }
    const key = headerKey(name);
    const before = seen.get(key);
    if (before !== undefined) {
      throw new OutboundError(
        'invalid_csv',
        `line ${first.line}: columns ${before + 1} and ${i + 1} have the same name "${name}"`,
      );
    }
    seen.set(key, i);
  });
  return { header: first.cells, headerLine: first.line, rows };
}
