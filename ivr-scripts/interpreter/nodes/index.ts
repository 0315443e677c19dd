import type { NodeKind, NodeOf } from '../../model.js';
import type { Dispatch, NodeHandler } from '../run.js';
import { cancelCallbackHandler } from './cancel-callback.js';
import { collectHandler } from './collect.js';
import {
  conditionHandler,
  hoursHandler,
  playHandler,
  setPriorityHandler,
  setSkillHandler,
  setVarHandler,
  switchHandler,
} from './flow.js';
import { languageHandler } from './language.js';
import { lookupHandler } from './lookup.js';
import { menuHandler } from './menu.js';
import { callbackHandler, hangupHandler, queueHandler, transferHandler } from './terminal.js';

const HANDLERS: { [K in NodeKind]: NodeHandler<NodeOf<K>> } = {
  play: playHandler,
  menu: menuHandler,
  collect: collectHandler,
  language: languageHandler,
  hours: hoursHandler,
  lookup: lookupHandler,
  cancel_callback: cancelCallbackHandler,
  condition: conditionHandler,
  switch: switchHandler,
  set_var: setVarHandler,
  set_priority: setPriorityHandler,
  set_skill: setSkillHandler,
  queue: queueHandler,
  callback: callbackHandler,
  transfer: transferHandler,
  hangup: hangupHandler,
};

// The table is typed per kind; the run only ever hands a handler a node of its own kind.
export const handlerOf: Dispatch = (kind) => HANDLERS[kind];

export { requestAnswered, requestFailed } from './request.js';
export type { RequestNode } from './request.js';
