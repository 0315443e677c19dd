import type { NodeOf } from '../../model.js';
import type { NodeHandler, Run } from '../run.js';
import { readVar } from '../vars.js';

const DIALABLE = /^\+?\d{3,20}$/;

function announceThenFinish(run: Run, prompts: readonly string[]): void {
  run.play(prompts, false, { do: 'finish' });
}

/**
 * Skills asked of the agent: those set along the way, the node's own, and the caller's language
 * at `languageSkill`; the higher level wins. Priority is the higher of the node's and the one set
 * along the way (e.g. by a VIP rule).
 */
export const queueHandler: NodeHandler<NodeOf<'queue'>> = {
  enter(run, node) {
    announceThenFinish(run, node.prompts);
  },
  finish(run, node) {
    const skills: Record<string, number> = { ...run.state.skills };
    const raise = (skill: string, level: number): void => {
      skills[skill] = Math.max(skills[skill] ?? 0, level);
    };
    for (const [skill, level] of Object.entries(node.skills)) raise(skill, level);
    if (node.languageSkill !== null) raise(run.state.language, node.languageSkill);
    run.end(
      {
        type: 'route_to_queue',
        queueId: node.queueId,
        skills,
        priority: Math.max(node.priority ?? 0, run.state.priority ?? 0),
        language: run.state.language,
      },
      'queued',
    );
  },
};

export const callbackHandler: NodeHandler<NodeOf<'callback'>> = {
  enter(run, node) {
    const value = readVar(run.state, node.number);
    const number = typeof value === 'string' ? value.trim() : '';
    if (!DIALABLE.test(number)) {
      run.goto(node.fallback);
      return;
    }
    run.emit({
      type: 'request_callback',
      number,
      queueId: node.queueId,
      language: run.state.language,
    });
    announceThenFinish(run, node.prompts);
  },
  finish(run) {
    run.end({ type: 'hangup', reason: 'callback_requested' }, 'callback_requested');
  },
};

export const transferHandler: NodeHandler<NodeOf<'transfer'>> = {
  enter(run, node) {
    announceThenFinish(run, node.prompts);
  },
  finish(run, node) {
    run.end({ type: 'transfer', target: node.target }, 'transferred');
  },
};

export const hangupHandler: NodeHandler<NodeOf<'hangup'>> = {
  enter(run, node) {
    announceThenFinish(run, node.prompts);
  },
  finish(run, node) {
    run.end({ type: 'hangup', reason: node.reason }, node.reason);
  },
};
