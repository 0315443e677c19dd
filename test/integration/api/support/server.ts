import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCrm, migrateLatest, type Crm, type CrmOptions } from '../../../../crm-core/index.js';
import { createCrmApi } from '../../../../server/api/index.js';
import { createHttpApp } from '../../../../server/http/app.js';
import { createMetricsRegistry } from '../../../../server/http/metrics.js';
import { createLogger } from '../../../../server/logger.js';
import { createTestDatabase, type TestDatabase } from '../../../support/pg.js';

/** The CRM API on a real http.Server (port 0) over a schema of the test file's own. */
export interface ApiHarness {
  crm: Crm;
  db: TestDatabase;
  url: string;
  call(method: string, path: string, opts?: CallOptions): Promise<ApiAnswer>;
  login(username: string, password: string): Promise<string>;
  close(): Promise<void>;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ApiAnswer {
  status: number;
  headers: Headers;
  text: string;
  // The tests read fields freely from JSON answers.
  json: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export async function startApi(label: string, opts: CrmOptions = {}): Promise<ApiHarness> {
  const db = await createTestDatabase(label);
  await migrateLatest(db.knex);
  const crm = createCrm(db.knex, opts);
  const logger = createLogger('silent');
  const app = createHttpApp({
    logger,
    metrics: createMetricsRegistry(),
    probes: [],
    apiRouters: [createCrmApi({ crm, logger })],
  });
  const server: Server = createServer(app);
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', () => res()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;

  const call = async (method: string, path: string, o: CallOptions = {}): Promise<ApiAnswer> => {
    const headers: Record<string, string> = { ...o.headers };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    if (o.body !== undefined) headers['content-type'] ??= 'application/json';
    const res = await fetch(url + path, {
      method,
      headers,
      ...(o.body !== undefined
        ? { body: typeof o.body === 'string' ? o.body : JSON.stringify(o.body) }
        : {}),
    });
    const text = await res.text();
    let json: ApiAnswer['json'] = {};
    if (res.headers.get('content-type')?.includes('json') && text) {
      json = JSON.parse(text) as ApiAnswer['json'];
    }
    return { status: res.status, headers: res.headers, text, json };
  };

  return {
    crm,
    db,
    url,
    call,
    async login(username, password) {
      const r = await call('POST', '/auth/login', { body: { username, password } });
      if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${r.text}`);
      return String(r.json.token);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((res) => server.close(() => res()));
      await db.drop();
    },
  };
}
