import type { NodeOf } from '../../model.js';
import { luhnAdd, luhnDone, luhnStart, validateEntry } from '../../validators.js';
import type { NodeHandler, Run } from '../run.js';
import type { IvrEntry } from '../types.js';
import { ask, askAgain } from './ask.js';

type Collect = NodeOf<'collect'>;

function fresh(node: Collect): IvrEntry {
  return node.sensitive
    ? { sensitive: true, luhn: luhnStart(), last4: '' }
    : { sensitive: false, digits: '' };
}

function count(entry: IvrEntry): number {
  return entry.sensitive ? entry.luhn.count : entry.digits.length;
}

function add(entry: IvrEntry, digit: string): IvrEntry {
  if (!entry.sensitive) return { sensitive: false, digits: entry.digits + digit };
  return {
    sensitive: true,
    luhn: luhnAdd(entry.luhn, digit.charCodeAt(0) - 48),
    last4: (entry.last4 + digit).slice(-4),
  };
}

function complete(run: Run, node: Collect, entry: IvrEntry, rest: string): void {
  const n = count(entry);
  let valid = n >= node.minLength;
  if (valid && entry.sensitive) valid = node.validator.kind !== 'luhn' || luhnDone(entry.luhn);
  if (valid && !entry.sensitive) valid = validateEntry(node.validator, entry.digits);
  if (!valid) {
    askAgain(run, node, 'invalid');
    return;
  }
  if (entry.sensitive) {
    run.state.vars[`${node.into}.last4`] = entry.last4;
    run.state.vars[`${node.into}.length`] = n;
    run.emit({ type: 'ivr_step', nodeId: node.id, kind: 'collect', redacted: true });
  } else {
    run.state.vars[node.into] = entry.digits;
    run.emit({ type: 'ivr_step', nodeId: node.id, kind: 'collect', input: entry.digits });
  }
  run.state.entry = null;
  run.goto(node.next, rest);
}

/** Feeds typed digits; ends the entry on the terminator or at maxLength, else waits for more. */
function feed(run: Run, node: Collect, digits: string): void {
  let entry = run.state.entry ?? fresh(node);
  for (let i = 0; i < digits.length; i++) {
    const d = digits[i]!;
    if (d === node.terminator) {
      complete(run, node, entry, digits.slice(i + 1));
      return;
    }
    if (d < '0' || d > '9') continue;
    entry = add(entry, d);
    if (count(entry) >= node.maxLength) {
      complete(run, node, entry, digits.slice(i + 1));
      return;
    }
  }
  run.state.entry = entry;
  run.waitForInput(count(entry) === 0 ? node.timeoutMs : node.interDigitTimeoutMs);
}

/**
 * Digit entry. With `pauseRecording` the call recording is paused from entering the node until
 * leaving it by any way (the run resumes it on every exit); a sensitive entry is never stored.
 */
export const collectHandler: NodeHandler<Collect> = {
  enter(run, node, typeahead) {
    if (node.pauseRecording && !run.state.recordingPaused) {
      run.emit({ type: 'pause_recording' });
      run.state.recordingPaused = true;
    }
    const typed = [...typeahead].some((d) => (d >= '0' && d <= '9') || d === node.terminator);
    if (typed) feed(run, node, typeahead);
    else ask(run, node);
  },
  digit(run, node, digit) {
    feed(run, node, digit);
  },
  inputTimeout(run, node) {
    const entry = run.state.entry;
    if (entry !== null && count(entry) > 0 && count(entry) >= node.minLength) {
      complete(run, node, entry, '');
    } else askAgain(run, node, 'timeout');
  },
};
