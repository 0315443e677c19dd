import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  compileIvrScript,
  IvrError,
  promptRecordings,
  soundFileRecordings,
} from '../../../../ivr-scripts/index.js';
import { parseCallConfig } from '../../../../telephony/calls/config.js';

const read = (path: string) =>
  readFileSync(new URL(`../../../../${path}`, import.meta.url), 'utf8');
const FILE = 'telephony/asterisk/sounds.yaml';

describe("the call layer's own sounds for `npm run prompts`", () => {
  const layer = soundFileRecordings(parse(read(FILE)), FILE);
  const script = promptRecordings(
    compileIvrScript(read('ivr-scripts/scripts/main.yaml'), 'main.yaml'),
  );

  it('has a recording in zh and en for every sound the layer plays by default that no script defines', () => {
    const c = parseCallConfig();
    const played = [...Object.values(c.sounds), c.whisperVip]
      .filter((s): s is string => s !== null)
      .map((s) => s.replace(/^sound:/, ''));
    expect(played).toEqual(
      expect.arrayContaining([
        'cc/queue-position',
        'cc/queue-wait',
        'cc/queue-minutes',
        'cc/queue-callback-offer',
        'cc/whisper-vip',
      ]),
    );
    for (const sound of played) {
      for (const folder of ['zh', 'en']) {
        const found = [...layer, ...script].filter((r) => r.sound === sound && r.folder === folder);
        expect(found.length, `${folder}/${sound}`).toBeGreaterThan(0);
      }
    }
    expect(layer.find((r) => r.sound === 'cc/whisper-vip' && r.folder === 'zh')?.pieces).toEqual([
      { text: '贵宾客户来电。', language: 'zh-CN', voice: 'cmn' },
    ]);
  });

  it('gives no sound file two different texts: a script prompt and a layer sound never share a name', () => {
    const texts = new Map<string, string>();
    const clashes: string[] = [];
    for (const r of [...script, ...layer]) {
      const key = `${r.folder}/${r.sound}`;
      const text = r.pieces.map((p) => p.text).join(' ');
      const seen = texts.get(key);
      if (seen !== undefined && seen !== text) clashes.push(key);
      texts.set(key, text);
    }
    expect(clashes).toEqual([]);
  });

  it('refuses a sound without a text in every caller language, naming the file and the sound', () => {
    const bad = () =>
      soundFileRecordings({ sounds: { 'cc/queue-wait': { en: 'wait' } } }, 'x.yaml');
    expect(bad).toThrow(IvrError);
    expect(bad).toThrow('x.yaml: cc/queue-wait no zh-CN text');
    expect(() =>
      soundFileRecordings({ sounds: { 'cc/x': { en: 'a', 'zh-CN': 'b', fr: 'c' } } }, 'x.yaml'),
    ).toThrow('unknown language fr');
    expect(() => soundFileRecordings({ sounds: { 'CC X': { en: 'a' } } }, 'x.yaml')).toThrow(
      /lower-case path/,
    );
  });
});
