import { OutboundError } from '../errors.js';
import { nextCallingTime, type CallingHours } from '../time/calling-hours.js';
import { assertTimeZone, zonedDateTimeToInstant } from '../time/zoned-clock.js';
import type { CallbackWindow } from './callback.js';

/**
 * The first moment at or after `from` that lies inside the window and, when calling hours are
 * given, inside them on the customer's clock; null when the window closes first.
 */
export function nextAttemptTime(
  from: Date,
  window: CallbackWindow,
  timezone: string,
  callingHours: CallingHours | null,
): Date | null {
  let at = from.getTime() < window.earliest.getTime() ? window.earliest : from;
  if (callingHours) at = nextCallingTime(at, timezone, callingHours);
  return at.getTime() <= window.latest.getTime() ? at : null;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * A window the customer stated on their own clock ("tomorrow 14:00-16:00"), as instants.
 * `to` on or before `from` is refused rather than read as crossing midnight.
 */
export function windowFromLocal(
  local: { date: string; from: string; to: string },
  timezone: string,
): CallbackWindow {
  assertTimeZone(timezone, 'callback time zone');
  const d = DATE.exec(local.date);
  const f = HHMM.exec(local.from);
  const t = HHMM.exec(local.to);
  if (!d) throw new OutboundError('invalid_callback', `date "${local.date}" must be YYYY-MM-DD`);
  if (!f) throw new OutboundError('invalid_callback', `from "${local.from}" must be HH:MM`);
  if (!t) throw new OutboundError('invalid_callback', `to "${local.to}" must be HH:MM`);
  const day = { year: Number(d[1]), month: Number(d[2]), day: Number(d[3]), second: 0 };
  const check = new Date(Date.UTC(day.year, day.month - 1, day.day));
  if (check.getUTCMonth() !== day.month - 1 || check.getUTCDate() !== day.day) {
    throw new OutboundError('invalid_callback', `date "${local.date}" does not exist`);
  }
  const earliest = zonedDateTimeToInstant(
    { ...day, hour: Number(f[1]), minute: Number(f[2]) },
    timezone,
  );
  const latest = zonedDateTimeToInstant(
    { ...day, hour: Number(t[1]), minute: Number(t[2]) },
    timezone,
  );
  if (latest.getTime() <= earliest.getTime()) {
    throw new OutboundError(
      'invalid_callback',
      `window ${local.from}-${local.to} must end after it starts`,
    );
  }
  return { earliest, latest };
}
