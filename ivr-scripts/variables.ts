/**
 * Variables every script can read without setting them: they come from the call's context
 * (caller number, CRM customer) or from the interpreter (current language).
 */
export const BUILTIN_VARS: ReadonlySet<string> = new Set([
  'caller.number',
  'customer.known',
  'customer.vip',
  'customer.tier',
  'customer.name',
  'customer.language',
  'language',
]);
