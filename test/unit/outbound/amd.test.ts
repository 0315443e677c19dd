import { describe, expect, it } from 'vitest';
import { dispositionAnswer, isLiveAnswer, OutboundError } from '../../../outbound/index.js';

describe('answering-machine detection results (AMDSTATUS)', () => {
  it('dispositions a machine as "machine" and never connects it to an agent', () => {
    expect(dispositionAnswer('MACHINE')).toEqual({ connect: false, outcome: 'machine' });
    expect(isLiveAnswer('MACHINE')).toBe(false);
  });

  it('connects a person, and an uncertain result, to an agent', () => {
    expect(dispositionAnswer('HUMAN')).toEqual({ connect: true });
    expect(dispositionAnswer('NOTSURE')).toEqual({ connect: true });
    expect(isLiveAnswer('NOTSURE')).toBe(true);
  });

  it('counts a hang-up during detection as an abandoned live answer', () => {
    expect(dispositionAnswer('HANGUP')).toEqual({ connect: false, outcome: 'abandoned' });
    expect(isLiveAnswer('HANGUP')).toBe(true);
  });

  it('treats every answer as a person when detection is off', () => {
    expect(dispositionAnswer(undefined)).toEqual({ connect: true });
    expect(dispositionAnswer('')).toEqual({ connect: true });
  });

  it('reads the value regardless of case and surrounding space', () => {
    expect(dispositionAnswer(' machine ')).toEqual({ connect: false, outcome: 'machine' });
  });

  it('refuses a value AMD() never sets', () => {
    expect(() => dispositionAnswer('FAX')).toThrow(OutboundError);
    expect(() => dispositionAnswer('FAX')).toThrow(/AMDSTATUS "FAX"/);
  });
});
