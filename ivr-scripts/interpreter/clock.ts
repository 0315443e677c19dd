import type { NodeOf, Weekday } from '../model.js';

// Building an Intl formatter costs far more than using one; a script names few time zones.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export interface LocalTime {
  date: string;
  weekday: Weekday;
  minutes: number;
}

export function localTime(epochMs: number, timeZone: string): LocalTime {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(epochMs))) parts[p.type] = p.value;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: (parts.weekday ?? '').toLowerCase().slice(0, 3) as Weekday,
    minutes: (Number(parts.hour) % 24) * 60 + Number(parts.minute),
  };
}

/** Open on a non-holiday whose weekly ranges contain the local time of day. */
export function isOpen(node: NodeOf<'hours'>, epochMs: number): boolean {
  const t = localTime(epochMs, node.timezone);
  if (node.holidays.includes(t.date)) return false;
  return node.weekly[t.weekday].some(([start, end]) => t.minutes >= start && t.minutes < end);
}
