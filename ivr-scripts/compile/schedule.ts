import type { Weekday } from '../model.js';
import type { IssueList } from './issues.js';

export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

function minutes(hhmm: string): number | null {
  const m = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(hhmm);
  if (!m) return null;
  const total = Number(m[1]) * 60 + Number(m[2]);
  return total > 24 * 60 ? null : total;
}

/** Parses `{mon: ['09:00-18:00']}` into minute ranges; a day left out is closed all day. */
export function compileWeekly(
  weekly: Partial<Record<Weekday, string[]>>,
  node: string,
  issues: IssueList,
): Record<Weekday, [number, number][]> {
  const out = {} as Record<Weekday, [number, number][]>;
  for (const day of WEEKDAYS) {
    out[day] = [];
    for (const range of weekly[day] ?? []) {
      const [a, b, extra] = range.split('-');
      const start = a === undefined ? null : minutes(a.trim());
      const end = b === undefined ? null : minutes(b.trim());
      if (extra !== undefined || start === null || end === null || start >= end) {
        issues.add(
          'bad_schedule',
          `${day}: "${range}" is not an HH:MM-HH:MM range with start before end`,
          node,
        );
        continue;
      }
      out[day].push([start, end]);
    }
  }
  return out;
}

export function validDate(date: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === date;
}

export function compileHolidays(
  holidays: (string | { date: string; name: string })[],
  node: string,
  issues: IssueList,
): string[] {
  const out: string[] = [];
  for (const h of holidays) {
    const date = typeof h === 'string' ? h : h.date;
    if (!validDate(date)) {
      issues.add('bad_schedule', `holiday "${date}" is not a calendar date YYYY-MM-DD`, node);
      continue;
    }
    out.push(date);
  }
  return out.sort();
}

export function validTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
