/**
 * RFC 4180 CSV. Text cells that a spreadsheet would run as a formula (=, +, -, @ first) are
 * prefixed with a quote: queue and agent names come from people, and a report is opened in Excel.
 */
export type CsvCell = string | number | boolean | null | undefined | Date;

function cell(v: CsvCell): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString();
  if (typeof v !== 'string') return String(v);
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv<T extends object>(
  rows: readonly T[],
  columns: readonly (keyof T & string)[],
): string {
  const lines = [columns.map((c) => cell(c)).join(',')];
  for (const row of rows) {
    lines.push(columns.map((c) => cell(row[c] as CsvCell)).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
