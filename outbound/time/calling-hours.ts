import { z } from 'zod';
import { OutboundError } from '../errors.js';
import { addLocalDays, localDateTime, zonedDateTimeToInstant } from './zoned-clock.js';

/**
 * The daily span in which a person may be called, read on the contact's own clock: 09:00-21:00
 * means 09:00-21:00 in Shanghai for a Shanghai number and in New York for a New York number.
 */
export interface CallingHours {
  /** "HH:MM", inclusive. */
  start: string;
  /** "HH:MM", exclusive. */
  end: string;
}

export const DEFAULT_CALLING_HOURS: CallingHours = { start: '09:00', end: '21:00' };

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

export const callingHoursSchema = z
  .object({
    start: z.string().regex(HHMM, 'must be HH:MM (24-hour clock)'),
    end: z.string().regex(HHMM, 'must be HH:MM (24-hour clock)'),
  })
  // A malformed time is already reported by its own field; only compare two well-formed ones.
  .refine(
    (h) => !HHMM.test(h.start) || !HHMM.test(h.end) || minutesOf(h.start) < minutesOf(h.end),
    {
      message: 'start must be before end on the same day',
      path: ['end'],
    },
  );

function minutesOf(hhmm: string): number {
  const m = HHMM.exec(hhmm);
  if (!m) {
    throw new OutboundError('invalid_calling_hours', `"${hhmm}" is not a time of day HH:MM`);
  }
  return Number(m[1]) * 60 + Number(m[2]);
}

function spanOf(hours: CallingHours): { start: number; end: number } {
  const start = minutesOf(hours.start);
  const end = minutesOf(hours.end);
  if (start >= end) {
    throw new OutboundError(
      'invalid_calling_hours',
      `calling hours ${hours.start}-${hours.end}: start must be before end`,
    );
  }
  return { start, end };
}

export function isWithinCallingHours(now: Date, zone: string, hours: CallingHours): boolean {
  const { start, end } = spanOf(hours);
  const l = localDateTime(now, zone);
  const minute = l.hour * 60 + l.minute;
  return minute >= start && minute < end;
}

/** `at` itself when calling is allowed then, otherwise the next opening on the contact's clock. */
export function nextCallingTime(at: Date, zone: string, hours: CallingHours): Date {
  const { start } = spanOf(hours);
  if (isWithinCallingHours(at, zone, hours)) return at;
  const l = localDateTime(at, zone);
  const minute = l.hour * 60 + l.minute;
  const day = minute < start ? l : addLocalDays(l, 1);
  return zonedDateTimeToInstant(
    { ...day, hour: Math.floor(start / 60), minute: start % 60, second: 0 },
    zone,
  );
}
