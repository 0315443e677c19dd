import type { NodeOf } from '../../model.js';
import { isOpen } from '../clock.js';
import type { NodeHandler } from '../run.js';
import { holds, readVar } from '../vars.js';

/** A play with barge-in is skipped by a caller already typing ahead; the digits go on. */
export const playHandler: NodeHandler<NodeOf<'play'>> = {
  enter(run, node, typeahead) {
    if (typeahead !== '' && node.bargeIn) run.goto(node.next, typeahead);
    else run.play(node.prompts, node.bargeIn, { do: 'goto', target: node.next });
  },
};

export const hoursHandler: NodeHandler<NodeOf<'hours'>> = {
  enter(run, node, typeahead) {
    run.goto(isOpen(node, run.state.now) ? node.open : node.closed, typeahead);
  },
};

export const conditionHandler: NodeHandler<NodeOf<'condition'>> = {
  enter(run, node, typeahead) {
    run.goto(holds(run.state, node.when) ? node.then : node.else, typeahead);
  },
};

export const switchHandler: NodeHandler<NodeOf<'switch'>> = {
  enter(run, node, typeahead) {
    const value = readVar(run.state, node.on);
    const key = value === undefined ? undefined : String(value);
    const target =
      key !== undefined && Object.hasOwn(node.cases, key) ? node.cases[key]! : node.default;
    run.goto(target, typeahead);
  },
};

export const setVarHandler: NodeHandler<NodeOf<'set_var'>> = {
  enter(run, node, typeahead) {
    run.state.vars[node.name] = node.value;
    run.emit({ type: 'set_var', name: node.name, value: node.value });
    run.goto(node.next, typeahead);
  },
};

export const setPriorityHandler: NodeHandler<NodeOf<'set_priority'>> = {
  enter(run, node, typeahead) {
    run.state.priority = node.priority;
    run.goto(node.next, typeahead);
  },
};

export const setSkillHandler: NodeHandler<NodeOf<'set_skill'>> = {
  enter(run, node, typeahead) {
    run.state.skills[node.skill] = node.level;
    run.goto(node.next, typeahead);
  },
};
