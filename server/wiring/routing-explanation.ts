import type { OfferExplanation } from '../../routing/index.js';
import type { RoutingExplanation } from '../contracts/index.js';

function isOfferExplanation(x: unknown): x is OfferExplanation {
  const kind = (x as { kind?: unknown } | null)?.kind;
  return typeof x === 'object' && (kind === 'agent' || kind === 'call');
}

/**
 * The ACD's explanation of an offer as the screen pop carries it. The call layer keeps it opaque
 * and older call records and dial jobs lack it: anything else reads as none (the pop then shows
 * the English reason).
 */
export function popExplanation(x: unknown): RoutingExplanation | null {
  if (!isOfferExplanation(x)) return null;
  // The contract spells out routing's type for the console; a change to it fails to compile here.
  return x satisfies RoutingExplanation;
}
