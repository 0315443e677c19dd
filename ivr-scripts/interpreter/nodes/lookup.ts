import { lookupArgs } from '../../lookups.js';
import type { NodeOf } from '../../model.js';
import type { NodeHandler } from '../run.js';
import { readVar } from '../vars.js';
import { sendRequest } from './request.js';

/** A self-service CRM lookup by the caller's number or by a variable (a typed account…). */
export const lookupHandler: NodeHandler<NodeOf<'lookup'>> = {
  enter(run, node) {
    const value = node.input === null ? run.state.callerNumber : readVar(run.state, node.input);
    if (value === undefined || value === null || value === '' || typeof value === 'boolean') {
      run.goto(node.notFound);
      return;
    }
    sendRequest(run, node, lookupArgs(node.lookup, String(value)));
  },
};
