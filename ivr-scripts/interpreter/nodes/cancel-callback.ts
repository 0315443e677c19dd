import type { NodeOf } from '../../model.js';
import type { NodeHandler } from '../run.js';
import { readVar } from '../vars.js';
import { sendRequest } from './request.js';

const CALLBACK_ID = /^\d{1,20}$/;

/**
 * Cancels the callback a `callback_by_phone` lookup found. The caller's number goes along so
 * that the CRM cancels only a callback of that number; without an id or a number there is
 * nothing of the caller's to cancel.
 */
export const cancelCallbackHandler: NodeHandler<NodeOf<'cancel_callback'>> = {
  enter(run, node) {
    const id = readVar(run.state, node.callback);
    const phone = run.state.callerNumber;
    if (typeof id !== 'string' || !CALLBACK_ID.test(id) || !phone) {
      run.goto(node.notFound);
      return;
    }
    sendRequest(run, node, { kind: 'cancel_callback', args: { callbackId: id, phone } });
  },
};
