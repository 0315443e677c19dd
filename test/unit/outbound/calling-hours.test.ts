import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CALLING_HOURS,
  isValidTimeZone,
  isWithinCallingHours,
  localDateTime,
  nextCallingTime,
  OutboundError,
  zonedDateTimeToInstant,
} from '../../../outbound/index.js';

const at = (iso: string) => new Date(iso);

describe('calling hours on the contact’s own clock', () => {
  it('at 13:00 UTC a New York contact is callable (09:00) and a Shanghai one is not (21:00)', () => {
    const now = at('2024-06-03T13:00:00Z');
    expect(isWithinCallingHours(now, 'America/New_York', DEFAULT_CALLING_HOURS)).toBe(true);
    expect(isWithinCallingHours(now, 'Asia/Shanghai', DEFAULT_CALLING_HOURS)).toBe(false);
  });

  it('one minute earlier it is the other way round (08:59 in New York, 20:59 in Shanghai)', () => {
    const now = at('2024-06-03T12:59:00Z');
    expect(isWithinCallingHours(now, 'America/New_York', DEFAULT_CALLING_HOURS)).toBe(false);
    expect(isWithinCallingHours(now, 'Asia/Shanghai', DEFAULT_CALLING_HOURS)).toBe(true);
  });

  it('before opening, the next calling time is 09:00 the same local day', () => {
    const next = nextCallingTime(
      at('2024-06-03T12:00:00Z'),
      'America/New_York',
      DEFAULT_CALLING_HOURS,
    );
    expect(next.toISOString()).toBe('2024-06-03T13:00:00.000Z');
  });

  it('after closing, the next calling time is 09:00 the next local day', () => {
    const next = nextCallingTime(
      at('2024-06-03T13:30:00Z'),
      'Asia/Shanghai',
      DEFAULT_CALLING_HOURS,
    );
    expect(next.toISOString()).toBe('2024-06-04T01:00:00.000Z');
  });

  it('inside calling hours the next calling time is now', () => {
    const now = at('2024-06-03T02:00:00Z');
    expect(nextCallingTime(now, 'Asia/Shanghai', DEFAULT_CALLING_HOURS)).toEqual(now);
  });

  it('across the spring daylight-saving change, 09:00 New York is 13:00 UTC, not 14:00', () => {
    // 22:00 EST on 9 March 2024; clocks go forward at 02:00 on 10 March.
    const next = nextCallingTime(
      at('2024-03-10T03:00:00Z'),
      'America/New_York',
      DEFAULT_CALLING_HOURS,
    );
    expect(next.toISOString()).toBe('2024-03-10T13:00:00.000Z');
  });

  it('rolls over month and year ends on the local calendar', () => {
    // 22:00 in Shanghai on 31 December.
    const next = nextCallingTime(
      at('2024-12-31T14:00:00Z'),
      'Asia/Shanghai',
      DEFAULT_CALLING_HOURS,
    );
    expect(next.toISOString()).toBe('2025-01-01T01:00:00.000Z');
  });

  it('custom hours are read the same way (08:00-20:00)', () => {
    const hours = { start: '08:00', end: '20:00' };
    expect(isWithinCallingHours(at('2024-06-03T00:00:00Z'), 'Asia/Shanghai', hours)).toBe(true);
    expect(isWithinCallingHours(at('2024-06-03T12:00:00Z'), 'Asia/Shanghai', hours)).toBe(false);
  });

  it('refuses hours whose start is not before their end', () => {
    expect(() =>
      isWithinCallingHours(at('2024-06-03T00:00:00Z'), 'Asia/Shanghai', {
        start: '21:00',
        end: '09:00',
      }),
    ).toThrow(/start must be before end/);
  });

  it('refuses a zone that is not an IANA zone', () => {
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
    expect(() => localDateTime(new Date(), 'Mars/Olympus')).toThrow(OutboundError);
  });
});

describe('wall-clock time to instant', () => {
  it('converts a Shanghai wall time (UTC+8, no daylight saving)', () => {
    const instant = zonedDateTimeToInstant(
      { year: 2024, month: 6, day: 3, hour: 9, minute: 0, second: 0 },
      'Asia/Shanghai',
    );
    expect(instant.toISOString()).toBe('2024-06-03T01:00:00.000Z');
  });

  it('moves a wall time skipped by the spring change to just after the jump', () => {
    const instant = zonedDateTimeToInstant(
      { year: 2024, month: 3, day: 10, hour: 2, minute: 30, second: 0 },
      'America/New_York',
    );
    expect(instant.toISOString()).toBe('2024-03-10T07:30:00.000Z');
  });

  it('takes the first of two identical wall times at the autumn change', () => {
    const instant = zonedDateTimeToInstant(
      { year: 2024, month: 11, day: 3, hour: 1, minute: 30, second: 0 },
      'America/New_York',
    );
    expect(instant.toISOString()).toBe('2024-11-03T05:30:00.000Z');
  });

  it('reads back the same wall time it was given', () => {
    const local = { year: 2024, month: 7, day: 15, hour: 14, minute: 45, second: 0 };
    expect(localDateTime(zonedDateTimeToInstant(local, 'Europe/London'), 'Europe/London')).toEqual(
      local,
    );
  });
});
