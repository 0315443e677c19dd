import type { NodeOf } from '../../model.js';
import type { NodeHandler, Run } from '../run.js';

type InputNode = NodeOf<'menu'> | NodeOf<'collect'> | NodeOf<'language'>;

export function ask(run: Run, node: InputNode): void {
  run.play(node.prompts, node.bargeIn, { do: 'input' });
}

/**
 * A wrong or missing answer: say why and ask again while retries last, then the fallback.
 * The question is repeated after the reason so that a caller who did not hear it gets it again.
 */
export function askAgain(run: Run, node: InputNode, why: 'invalid' | 'timeout'): void {
  run.state.attempts += 1;
  run.state.entry = null;
  if (run.state.attempts > node.retries) {
    run.goto(node.fallback);
    return;
  }
  const lead = why === 'invalid' ? node.invalidPrompts : node.timeoutPrompts;
  run.play([...lead, ...node.prompts], node.bargeIn, { do: 'input' });
}

type Choose<N extends InputNode> = (run: Run, node: N, digit: string, rest: string) => void;

/**
 * The shared life of a one-digit choice (menu, language): a digit typed ahead is the answer at
 * once, otherwise the question is played; a timeout asks again.
 */
export function oneDigitChoice<N extends NodeOf<'menu'> | NodeOf<'language'>>(
  choose: Choose<N>,
): Required<Pick<NodeHandler<N>, 'digit' | 'inputTimeout'>> & {
  offer(run: Run, node: N, typeahead: string): void;
} {
  return {
    offer(run, node, typeahead) {
      if (typeahead !== '') choose(run, node, typeahead[0]!, typeahead.slice(1));
      else ask(run, node);
    },
    digit(run, node, digit) {
      choose(run, node, digit, '');
    },
    inputTimeout(run, node) {
      askAgain(run, node, 'timeout');
    },
  };
}
