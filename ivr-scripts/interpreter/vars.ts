import type { Condition } from '../model.js';
import type { IvrState, VarValue } from './types.js';

/** Reads a variable: the built-ins come from the call, the rest from what nodes have set. */
export function readVar(state: IvrState, path: string): VarValue | undefined {
  switch (path) {
    case 'caller.number':
      return state.callerNumber ?? undefined;
    case 'customer.known':
      return state.customer !== null;
    case 'customer.vip':
      return state.customer?.vip ?? false;
    case 'customer.tier':
      return state.customer?.tier;
    case 'customer.name':
      return state.customer?.name;
    case 'customer.language':
      return state.customer?.language;
    case 'language':
      return state.language;
    default:
      return Object.hasOwn(state.vars, path) ? state.vars[path] : undefined;
  }
}

export function holds(state: IvrState, cond: Condition): boolean {
  const value = readVar(state, cond.path);
  if (cond.op === 'truthy') {
    const truthy = value !== undefined && value !== false && value !== '' && value !== 0;
    return cond.negate ? !truthy : truthy;
  }
  const equal = value !== undefined && String(value) === cond.value;
  return cond.op === 'eq' ? equal : !equal;
}
