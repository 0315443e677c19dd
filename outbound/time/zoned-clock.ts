import { OutboundError } from '../errors.js';

/**
 * Wall-clock time in an IANA zone, computed with Intl.DateTimeFormat only: the zone database
 * ships with Node, so no time library is needed and the rules follow the runtime's tzdata.
 */
export interface LocalDateTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number; // 0-23
  minute: number;
  second: number;
}

// A formatter per zone is costly to build and the dialer asks for the same few zones all day.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

export function isValidTimeZone(zone: string): boolean {
  if (typeof zone !== 'string' || zone.length === 0) return false;
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

export function assertTimeZone(zone: string, what = 'time zone'): void {
  if (!isValidTimeZone(zone)) {
    throw new OutboundError(
      'invalid_time_zone',
      `${what} "${String(zone)}" is not an IANA time zone such as Asia/Shanghai`,
    );
  }
}

export function localDateTime(instant: Date, zone: string): LocalDateTime {
  assertTimeZone(zone);
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const p of formatterFor(zone).formatToParts(instant)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year ?? NaN,
    month: parts.month ?? NaN,
    day: parts.day ?? NaN,
    hour: parts.hour ?? NaN,
    minute: parts.minute ?? NaN,
    second: parts.second ?? NaN,
  };
}

/** Milliseconds the zone is ahead of UTC at that instant (Shanghai: +8 h). */
export function zoneOffsetMs(instant: Date, zone: string): number {
  const l = localDateTime(instant, zone);
  const asUtc = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second);
  const wholeSeconds = Math.floor(instant.getTime() / 1000) * 1000;
  return asUtc - wholeSeconds;
}

/**
 * The instant at which the zone's clocks show `local`. A wall time skipped by a daylight-saving
 * jump resolves to the instant just after the jump; a repeated one to its first occurrence.
 */
export function zonedDateTimeToInstant(local: LocalDateTime, zone: string): Date {
  const asUtc = Date.UTC(
    local.year,
    local.month - 1,
    local.day,
    local.hour,
    local.minute,
    local.second,
  );
  const firstOffset = zoneOffsetMs(new Date(asUtc), zone);
  let guess = asUtc - firstOffset;
  const secondOffset = zoneOffsetMs(new Date(guess), zone);
  if (secondOffset !== firstOffset) {
    const other = asUtc - secondOffset;
    // Both offsets are candidates around a transition; keep the earlier one that still shows
    // the asked wall time, otherwise the later one (the wall time did not exist).
    const earlier = Math.min(guess, other);
    guess = sameWallTime(new Date(earlier), local, zone) ? earlier : Math.max(guess, other);
  }
  return new Date(guess);
}

function sameWallTime(instant: Date, local: LocalDateTime, zone: string): boolean {
  const l = localDateTime(instant, zone);
  return (
    l.year === local.year &&
    l.month === local.month &&
    l.day === local.day &&
    l.hour === local.hour &&
    l.minute === local.minute
  );
}

/** The calendar date `days` after the given local date (month and year roll over). */
export function addLocalDays(local: LocalDateTime, days: number): LocalDateTime {
  const d = new Date(Date.UTC(local.year, local.month - 1, local.day + days));
  return { ...local, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}
