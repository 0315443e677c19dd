import type { NodeOf } from '../../model.js';
import type { NodeHandler, Run } from '../run.js';
import { askAgain, oneDigitChoice } from './ask.js';

type Menu = NodeOf<'menu'>;

function choose(run: Run, node: Menu, digit: string, rest: string): void {
  const target = Object.hasOwn(node.options, digit) ? node.options[digit] : undefined;
  if (target === undefined) {
    askAgain(run, node, 'invalid');
    return;
  }
  run.emit({ type: 'ivr_step', nodeId: node.id, kind: 'menu', input: digit });
  run.goto(target, rest);
}

const choice = oneDigitChoice(choose);

export const menuHandler: NodeHandler<Menu> = {
  enter: (run, node, typeahead) => choice.offer(run, node, typeahead),
  digit: choice.digit,
  inputTimeout: choice.inputTimeout,
};
