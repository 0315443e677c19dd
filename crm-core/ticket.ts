import { randomInt } from 'node:crypto';

/**
 * Complaint ticket numbers are 8 digits a caller can read out on the phone: 7 random digits and
 * a Damm check digit, which catches every single wrong digit and every swap of two neighbours,
 * so the IVR can refuse a mistyped ticket before asking the database.
 */
const DAMM: readonly (readonly number[])[] = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

export const TICKET_LENGTH = 8;

function dammInterim(digits: string): number {
  let interim = 0;
  for (const ch of digits) interim = DAMM[interim]![Number(ch)]!;
  return interim;
}

export function dammCheckDigit(digits: string): number {
  if (!/^\d+$/.test(digits)) throw new RangeError('digits only');
  return dammInterim(digits);
}

export function isValidTicketNumber(ticket: string): boolean {
  return new RegExp(`^\\d{${TICKET_LENGTH}}$`).test(ticket) && dammInterim(ticket) === 0;
}

/** A fresh ticket number; the first digit is never 0 so that it survives spreadsheets. */
export function newTicketNumber(random: (min: number, max: number) => number = randomInt): string {
  const body = String(random(1_000_000, 10_000_000));
  return body + String(dammCheckDigit(body));
}
