import type { Ack } from '../contracts/index.js';
import {
  hangup,
  monitor,
  runAction,
  setRecording,
  setState,
  snapshot,
  supervisorAgent,
  transfer,
  type ActionContext,
  type ConsoleAction,
} from '../console/actions.js';
import type { ConsoleSocket } from './types.js';

/** Wires the client → server events of one authenticated socket to the console actions. */
export function registerHandlers(socket: ConsoleSocket, ctx: ActionContext): void {
  const bind = <I, O extends object>(a: ConsoleAction<I, O>) => {
    return (input: unknown, ack: unknown): void => {
      // An event without an ack callback is a client bug; doing the action unconfirmed would hide it.
      if (typeof ack !== 'function') {
        ctx.logger.warn({ event: a.name, userId: ctx.user.userId }, 'event without ack ignored');
        return;
      }
      void runAction(a, ctx, input).then((r: Ack<O>) => (ack as (r: Ack<O>) => void)(r));
    };
  };
  socket.on('agent:setState', bind(setState));
  socket.on('call:hangup', bind(hangup));
  socket.on('call:transfer', bind(transfer));
  socket.on('call:setRecording', bind(setRecording));
  socket.on('supervisor:agent', bind(supervisorAgent));
  socket.on('supervisor:monitor', bind(monitor));
  socket.on('console:resync', bind(snapshot));
}
