import type { NodeOf } from '../../model.js';
import type { NodeHandler, Run } from '../run.js';
import { isLanguageTag } from '../../languages.js';
import { askAgain, oneDigitChoice } from './ask.js';

type LanguageNode = NodeOf<'language'>;

function choose(run: Run, node: LanguageNode, digit: string, rest: string): void {
  const lang = Object.hasOwn(node.options, digit) ? node.options[digit] : undefined;
  if (lang === undefined) {
    askAgain(run, node, 'invalid');
    return;
  }
  run.state.language = lang;
  run.emit({ type: 'set_var', name: 'language', value: lang });
  run.emit({ type: 'ivr_step', nodeId: node.id, kind: 'language', input: digit });
  run.goto(node.next, rest);
}

const choice = oneDigitChoice(choose);

/** Every prompt after this node is played in the chosen language (`lang` of each playback). */
export const languageHandler: NodeHandler<LanguageNode> = {
  enter(run, node, typeahead) {
    const known = run.state.customer?.language;
    if (
      node.skipIfKnown &&
      known !== undefined &&
      isLanguageTag(known) &&
      run.script.languages.includes(known)
    ) {
      run.state.language = known;
      run.goto(node.next, typeahead);
      return;
    }
    choice.offer(run, node, typeahead);
  },
  digit: choice.digit,
  inputTimeout: choice.inputTimeout,
};
