import { describe, expect, it } from 'vitest';
import { fillScript } from '../../../agent-ui/src/lib/script-text.js';

describe('a knowledge script read out by the agent', () => {
  it('says the agent’s and the caller’s names where the script has placeholders', () => {
    expect(
      fillScript('您好，我是{agent}。{customer}您好！{agent}为您服务。', {
        agent: '陈晓',
        customer: '李伟',
      }),
    ).toBe('您好，我是陈晓。李伟您好！陈晓为您服务。');
  });

  it('leaves a placeholder with no value, and other braces, as written', () => {
    expect(fillScript('Hello {customer}, this is {agent} ({team})', { agent: 'Emma' })).toBe(
      'Hello {customer}, this is Emma ({team})',
    );
  });
});
