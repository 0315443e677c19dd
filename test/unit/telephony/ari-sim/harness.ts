import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../../../telephony/simulator/clock.js';
import type { Ctx } from '../../../../telephony/simulator/context.js';
import { parseDialplan } from '../../../../telephony/simulator/dialplan/parse.js';
import { createEngine } from '../../../../telephony/simulator/engine/index.js';
import { RecordingStore } from '../../../../telephony/simulator/media/recording-store.js';
import { SoundCatalogue, type SoundOptions } from '../../../../telephony/simulator/media/sounds.js';

export const DIALPLAN = `
[from-pstn]
exten => _X.,1,NoOp()
 same => n,Stasis(contact-center)
 same => n,Playback(cc/sorry)
 same => n,Queue(cc-fallback,,,,60)
[agents]
exten => _X.,1,Dial(PJSIP/\${EXTEN},30)
[campaign-amd]
exten => s,1,AMD()
 same => n,GotoIf($["\${AMDSTATUS}" = "MACHINE"]?machine)
 same => n,Stasis(contact-center,campaign,\${CC_CAMPAIGN_CALL_ID})
 same => n(machine),Playback(cc/leave-message)
`;

/** The simulator's engine on a hand-driven clock, its events captured instead of sent. */
export function engine(opts: { dialplan?: string; sounds?: SoundOptions } = {}) {
  const clock = new ManualClock();
  const store = new RecordingStore(mkdtempSync(join(tmpdir(), 'sim-unit-')));
  const events: Record<string, unknown>[] = [];
  const active = new Set(['contact-center']);
  const errors: unknown[] = [];
  const ctx: Ctx = createEngine({
    clock,
    sink: { isActive: (app) => active.has(app), deliver: (_app, e) => void events.push(e) },
    config: {
      asteriskId: '02:fc:00:00:00:01',
      pjsipEndpoints: ['1001', '1002'],
      trunks: ['pstn'],
      defaultBehaviour: { answer: 'answer', delayMs: 0, amd: 'HUMAN' },
      dtmfDurationMs: 100,
    },
    dialplan: parseDialplan(opts.dialplan ?? DIALPLAN),
    sounds: new SoundCatalogue(
      opts.sounds ?? {
        sounds: { 'cc/welcome': 3000, 'cc/sorry': 2000, 'cc/leave-message': 1000 },
        unknownSounds: 'missing',
      },
      store,
    ),
    store,
    onError: (err) => void errors.push(err),
  });
  const types = (from = 0) => events.slice(from).map((e) => String(e.type));
  return { ctx, clock, store, events, active, errors, types };
}
