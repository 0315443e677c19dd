import type { Validator } from './model.js';

/** Named validators a collect node may use (`validate: luhn`), by what the caller types. */
export const NAMED_VALIDATORS = ['luhn', 'ticket', 'phone', 'account'] as const;
export type NamedValidator = (typeof NAMED_VALIDATORS)[number];

export function isNamedValidator(name: string): name is NamedValidator {
  return (NAMED_VALIDATORS as readonly string[]).includes(name);
}

export function luhnValid(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const fromRight = digits.length - 1 - i;
    let d = digits.charCodeAt(i) - 48;
    if (fromRight % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * Luhn checked as digits arrive, so that a sensitive entry (a card number) never has to be kept:
 * which digits get doubled depends on the final length, so both parities are summed and the
 * right one is picked at the end.
 */
export interface LuhnProgress {
  count: number;
  /** Sum if the final length turns out even (digits at even 0-based index are doubled). */
  sumIfEven: number;
  /** Sum if the final length turns out odd (digits at odd 0-based index are doubled). */
  sumIfOdd: number;
}

export function luhnStart(): LuhnProgress {
  return { count: 0, sumIfEven: 0, sumIfOdd: 0 };
}

function doubled(d: number): number {
  const x = d * 2;
  return x > 9 ? x - 9 : x;
}

export function luhnAdd(p: LuhnProgress, digit: number): LuhnProgress {
  const evenIndex = p.count % 2 === 0;
  return {
    count: p.count + 1,
    sumIfEven: (p.sumIfEven + (evenIndex ? doubled(digit) : digit)) % 10,
    sumIfOdd: (p.sumIfOdd + (evenIndex ? digit : doubled(digit))) % 10,
  };
}

export function luhnDone(p: LuhnProgress): boolean {
  if (p.count < 2) return false;
  return (p.count % 2 === 0 ? p.sumIfEven : p.sumIfOdd) === 0;
}

// Damm's quasigroup: one wrong digit or two swapped neighbours always break the check.
const DAMM = [
  '0317598642',
  '7092154863',
  '4206871359',
  '1750983426',
  '6123045978',
  '3674209581',
  '5869720134',
  '8945362017',
  '9438617205',
  '2581436790',
];

/** 0 for a number whose last digit is its Damm check digit. */
export function dammInterim(digits: string): number {
  let interim = 0;
  for (const ch of digits) interim = DAMM[interim]!.charCodeAt(ch.charCodeAt(0) - 48) - 48;
  return interim;
}

/**
 * Complaint tickets are 8 digits ending in a Damm check digit (the CRM's format), so a mistyped
 * ticket is refused at once instead of after a lookup.
 */
export function ticketValid(digits: string): boolean {
  return /^\d{8}$/.test(digits) && dammInterim(digits) === 0;
}

/** Whether a complete, non-sensitive entry passes the node's validator. */
export function validateEntry(validator: Validator, digits: string): boolean {
  switch (validator.kind) {
    case 'none':
      return true;
    case 'luhn':
      return luhnValid(digits);
    case 'ticket':
      return ticketValid(digits);
    case 'phone':
      return /^\d{5,15}$/.test(digits);
    case 'account':
      return /^\d{4,32}$/.test(digits);
    case 'pattern':
      return new RegExp(`^(?:${validator.source})$`).test(digits);
  }
}
