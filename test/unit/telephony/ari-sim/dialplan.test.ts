import { describe, expect, it } from 'vitest';
import {
  DialplanSyntaxError,
  findExtension,
  parseDialplan,
  patternMatches,
  splitArgs,
} from '../../../../telephony/simulator/dialplan/parse.js';

describe('reading extensions.conf', () => {
  it('reads contexts, numbered and "n" priorities, labels, same => lines, includes and comments', () => {
    const plan = parseDialplan(`
[general]
static=yes
[from-pstn] ; trunk calls
exten => _X.,1,NoOp(Call from \${CALLERID(num)}) ; log it
 same => n,Stasis(contact-center)
 same => n(fallback),Playback(cc/sorry)
exten => 1000,1,Answer()
include => agents
[agents]
exten => _1XXX,1,Dial(PJSIP/\${EXTEN},30)
`);
    const inbound = plan.get('from-pstn')!;
    expect(inbound.includes).toEqual(['agents']);
    expect(inbound.extensions[0]!.steps).toEqual([
      { priority: 1, app: 'NoOp', data: 'Call from ${CALLERID(num)}' },
      { priority: 2, app: 'Stasis', data: 'contact-center' },
      { priority: 3, label: 'fallback', app: 'Playback', data: 'cc/sorry' },
    ]);
    expect(findExtension(plan, 'from-pstn', '1000')?.steps[0]?.app).toBe('Answer');
    expect(findExtension(plan, 'from-pstn', '5551234')?.pattern).toBe('_X.');
    expect(findExtension(plan, 'agents', '1001')?.pattern).toBe('_1XXX');
    expect(findExtension(plan, 'agents', '2001')).toBeUndefined();
  });

  it('names the line of a mistake', () => {
    expect(() => parseDialplan('[a]\nexten => 1000\n')).toThrow(DialplanSyntaxError);
    expect(() => parseDialplan('[a]\nexten => 1000\n')).toThrow(/line 2/);
    expect(() => parseDialplan('[a]\n same => n,NoOp()\n')).toThrow(/before any "exten =>"/);
  });

  it('matches Asterisk patterns', () => {
    expect(patternMatches('_X.', '1')).toBe(false);
    expect(patternMatches('_X.', '12')).toBe(true);
    expect(patternMatches('_NXX', '211')).toBe(true);
    expect(patternMatches('_NXX', '111')).toBe(false);
    expect(patternMatches('_[1-3]Z!', '19')).toBe(true);
    expect(patternMatches('_+X.', '+8613800138000')).toBe(true);
    expect(patternMatches('s', 's')).toBe(true);
  });

  it('splits application arguments on commas outside parentheses', () => {
    expect(splitArgs('contact-center,agent,${CALLERID(num)}')).toEqual([
      'contact-center',
      'agent',
      '${CALLERID(num)}',
    ]);
    expect(splitArgs('$[${X} = 1]?yes:no')).toEqual(['$[${X} = 1]?yes:no']);
    expect(splitArgs('')).toEqual([]);
  });
});
