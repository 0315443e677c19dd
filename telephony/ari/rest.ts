import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { AriError, classifyAriFailure, classifyAriReply } from './errors.js';

/** A query value: arrays go out comma-separated, as ari-client sends `channel=a,b`. */
export type QueryValue = string | number | boolean | string[] | undefined;

export interface AriRestOptions {
  /** ARI base URL (ARI_URL), e.g. http://pbx:8088; requests go to `<url>/ari/...`. */
  url: string;
  username: string;
  password: string;
  /** A request that takes longer fails with AriError 'unavailable'. */
  timeoutMs: number;
}

/**
 * ARI's REST calls over plain keep-alive HTTP with JSON replies: the same methods, URLs, query
 * strings and bodies ari-client sends (see test/fixtures/ari-trace), without building each
 * request through swagger-client, which cost more CPU per call than the rest of the call layer.
 */
export class AriRest {
  private readonly agent: HttpAgent;
  private readonly send: typeof httpRequest;
  private readonly host: string;
  private readonly port: string;
  private readonly base: string;
  private readonly auth: string;

  constructor(private readonly o: AriRestOptions) {
    const u = new URL(o.url);
    const tls = u.protocol === 'https:';
    this.agent = tls
      ? new HttpsAgent({ keepAlive: true, maxSockets: 64 })
      : new HttpAgent({ keepAlive: true, maxSockets: 64 });
    this.send = tls ? httpsRequest : httpRequest;
    this.host = u.hostname;
    this.port = u.port;
    this.base = `${u.pathname.replace(/\/$/, '')}/ari`;
    this.auth = `Basic ${Buffer.from(`${o.username}:${o.password}`).toString('base64')}`;
  }

  /** Closes the idle keep-alive sockets (the port stopped). */
  close(): void {
    this.agent.destroy();
  }

  /**
   * One request; resolves with the parsed JSON reply (undefined for 204), rejects with an
   * AriError classified from the status and Asterisk's message. `what` names it in errors.
   */
  request(
    what: string,
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    query?: Record<string, QueryValue>,
    body?: unknown,
  ): Promise<unknown> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string | number> = { authorization: this.auth };
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(payload);
    }
    const options = {
      agent: this.agent,
      host: this.host,
      port: this.port,
      method,
      path: this.base + path + queryString(query),
      headers,
    };
    const attempt = (retry: boolean): Promise<unknown> =>
      new Promise((resolve, reject) => {
        const req = this.send(options, (res) => readReply(res, what).then(resolve, reject));
        const timer = setTimeout(() => {
          req.destroy(new AriError('unavailable', `${what}: no answer in ${this.o.timeoutMs} ms`));
        }, this.o.timeoutMs);
        timer.unref();
        req.on('close', () => clearTimeout(timer));
        req.on('error', (err: NodeJS.ErrnoException) => {
          // An idle keep-alive socket the PBX closed just as it was reused: the request never
          // reached Asterisk, so sending it once more on a fresh socket is safe.
          if (retry && req.reusedSocket && err.code === 'ECONNRESET')
            attempt(false).then(resolve, reject);
          else reject(classifyAriFailure(err, what));
        });
        req.end(payload);
      });
    return attempt(true);
  }
}

function readReply(res: IncomingMessage, what: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let text = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => (text += chunk));
    res.on('error', (err) => reject(classifyAriFailure(err, what)));
    res.on('end', () => {
      const status = res.statusCode ?? 500;
      if (status >= 400) {
        reject(classifyAriReply(status, text, what));
        return;
      }
      if (text === '') {
        resolve(undefined);
        return;
      }
      try {
        resolve(JSON.parse(text));
      } catch (err) {
        reject(new AriError('failed', `${what}: reply is not JSON`, status, { cause: err }));
      }
    });
  });
}

/** `?a=1&b=x%2Cy` with ari-client's encoding (encodeURIComponent, arrays joined by commas). */
export function queryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  let out = '';
  for (const key in query) {
    const v = query[key];
    if (v === undefined) continue;
    const text = Array.isArray(v) ? v.join(',') : String(v);
    out += `${out === '' ? '?' : '&'}${key}=${encodeURIComponent(text)}`;
  }
  return out;
}
