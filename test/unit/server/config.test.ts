import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/config.js';

describe('loadConfig', () => {
  it('uses the embedded defaults when nothing is set', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(8080);
    expect(c.ARI_APP).toBe('contact-center');
    expect(c.useSimulator).toBe(true);
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.LOG_LEVEL).toBe('info');
  });

  it('names the variable when a port is not a number', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/^PORT: /);
  });

  it('refuses a database URL of the wrong scheme', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x/y' })).toThrow(
      /^DATABASE_URL: must start with postgres/,
    );
  });

  it('requires a password once ARI_URL points at a real Asterisk', () => {
    expect(() => loadConfig({ ARI_URL: 'http://pbx:8088' })).toThrow(/^ARI_PASSWORD: /);
    const c = loadConfig({ ARI_URL: 'http://pbx:8088', ARI_PASSWORD: 's3cret' });
    expect(c.useSimulator).toBe(false);
  });

  it('refuses an unknown log level and a short session secret', () => {
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/^LOG_LEVEL: /);
    expect(() => loadConfig({ SESSION_SECRET: 'short' })).toThrow(
      /^SESSION_SECRET: must be at least 32/,
    );
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '' }).PORT).toBe(8080);
  });
});
