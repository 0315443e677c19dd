import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Ctx } from './context.js';
import { AriHttpError } from './errors.js';
import type { EventHub } from './event-hub.js';
import { credentialsMatch, credentialsOf } from './auth.js';
import type { AriDispatcher } from './ari/dispatch.js';
import { resourceDocument, resourceList } from './ari/swagger.js';
import { ARI_ROUTES } from './ari/table.js';
import { ASTERISK_VERSION } from './ari/routes/system.js';
import type { PbxControl } from './control/api.js';
import { handleControl } from './control/http.js';

export interface ServerParts {
  ctx: Ctx;
  hub: EventHub;
  dispatcher: AriDispatcher;
  control: PbxControl;
  credentials: string;
  isDown: () => boolean;
}

const MAX_BODY = 1024 * 1024;

/** One HTTP server: ARI REST and api-docs under /ari, the events WebSocket, the control API under /control. */
export function createSimulatorServer(parts: ServerParts): Server {
  const server = createServer((req, res) => {
    handle(parts, req, res).catch((err: unknown) => {
      parts.ctx.onError(err);
      if (!res.headersSent) send(res, 500, { message: 'Internal Server Error' });
      else res.end();
    });
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => upgrade(parts, wss, req, socket, head));
  server.on('close', () => wss.close());
  return server;
}

function send(
  res: ServerResponse,
  status: number,
  body?: unknown,
  headers: Record<string, string> = {},
): void {
  const payload = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    Server: `Asterisk/${ASTERISK_VERSION}`,
    ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    'Content-Length': Buffer.byteLength(payload),
    ...headers,
  });
  res.end(payload);
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new AriHttpError(413, 'Request body too large');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AriHttpError(400, 'Error parsing request body');
  }
}

async function handle(
  parts: ServerParts,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
  const method = (req.method ?? 'GET').toUpperCase();
  if (url.pathname.startsWith('/control/')) {
    let body: unknown;
    try {
      body = await readBody(req);
    } catch (err) {
      if (err instanceof AriHttpError)
        return send(res, err.status, { error: 'invalid', message: err.message });
      throw err;
    }
    const reply = await handleControl(
      parts.control,
      method,
      url.pathname.slice('/control'.length),
      body,
    );
    return send(res, reply.status, reply.body);
  }
  if (!url.pathname.startsWith('/ari/')) return send(res, 404, { message: 'Not found' });
  if (parts.isDown()) return send(res, 503, { message: 'Service Unavailable' });
  if (!credentialsMatch(credentialsOf(req, url), parts.credentials)) {
    return send(
      res,
      401,
      { message: 'Authentication required' },
      {
        'WWW-Authenticate': 'Basic realm="Asterisk REST Interface"',
      },
    );
  }
  const path = url.pathname.slice('/ari'.length);
  const basePath = `http://${req.headers.host ?? 'localhost'}/ari`;
  if (path.startsWith('/api-docs/')) {
    const file = path.slice('/api-docs/'.length);
    if (method !== 'GET') return send(res, 405, { message: 'Invalid method' });
    if (file === 'resources.json') return send(res, 200, resourceList(basePath));
    const doc = file.endsWith('.json')
      ? resourceDocument(file.slice(0, -5), ARI_ROUTES, basePath)
      : undefined;
    return doc ? send(res, 200, doc) : send(res, 404, { message: 'Resource not found' });
  }
  try {
    const body = await readBody(req);
    const reply = parts.dispatcher.dispatch(parts.ctx, method, path, url.searchParams, body);
    if ('binary' in reply) {
      res.writeHead(reply.status, {
        Server: `Asterisk/${ASTERISK_VERSION}`,
        'Content-Type': reply.contentType,
        'Content-Length': reply.binary.length,
      });
      res.end(reply.binary);
      return;
    }
    send(res, reply.status, reply.body);
  } catch (err) {
    if (err instanceof AriHttpError) return send(res, err.status, err.body());
    throw err;
  }
}

function refuse(socket: Duplex, status: number, text: string, extra = ''): void {
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\n${extra}Content-Length: 0\r\nConnection: close\r\n\r\n`,
  );
}

function upgrade(
  parts: ServerParts,
  wss: WebSocketServer,
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
): void {
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
  if (url.pathname !== '/ari/events') return refuse(socket, 404, 'Not Found');
  if (parts.isDown()) return refuse(socket, 503, 'Service Unavailable');
  if (!credentialsMatch(credentialsOf(req, url), parts.credentials)) {
    return refuse(
      socket,
      401,
      'Unauthorized',
      'WWW-Authenticate: Basic realm="Asterisk REST Interface"\r\n',
    );
  }
  const apps = url.searchParams
    .getAll('app')
    .flatMap((a) => a.split(','))
    .filter(Boolean);
  if (apps.length === 0) return refuse(socket, 400, 'Bad Request');
  if (parts.hub.refusing(apps)) return refuse(socket, 503, 'Service Unavailable');
  wss.handleUpgrade(req, socket, head, (ws) => parts.hub.attach(ws, apps));
}
