import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Redis } from 'ioredis';
import { Server } from 'socket.io';
import type { Logger } from '../logger.js';
import type { ActionContext } from '../console/actions.js';
import { socketAuth } from './auth.js';
import { registerHandlers } from './handlers.js';
import { setQueueRooms, syncAgentQueueRoomsLocally } from './membership.js';
import { isOriginAllowed } from './origin.js';
import type { ConsolePorts } from './ports.js';
import { createPublisher, type ConsolePublisher } from './publisher.js';
import { rooms } from './rooms.js';
import { startSessionRecheck } from './session-recheck.js';
import { buildSnapshot, isSupervisor } from './snapshot.js';
import type { ConsoleServer, ConsoleSocket } from './types.js';

export interface GatewayOptions {
  ports: ConsolePorts;
  logger: Logger;
  /** `CORS_ORIGINS`: origins other than the server's own whose pages may connect. */
  allowedOrigins: readonly string[];
  /**
   * Two dedicated connections (publisher, subscriber) for the Redis adapter, which lets several
   * server nodes reach each other's sockets. Without them the gateway serves one node only.
   */
  redis?: { pub: Redis; sub: Redis; channelPrefix?: string };
  now?: () => Date;
  /** How often the server pings a console; a dropped network is noticed within ping+timeout. */
  pingIntervalMs?: number;
  pingTimeoutMs?: number;
  /** How often each open socket's session is checked again (expiry, revocation); 60 s. */
  sessionRecheckMs?: number;
}

export interface Gateway {
  readonly io: ConsoleServer;
  readonly publisher: ConsolePublisher;
  /** Serves Socket.IO on this HTTP server (at `/socket.io`). */
  attach(http: HttpServer): void;
  /** Closes this node's sockets and leaves the adapter; the HTTP server is left running. */
  close(): Promise<void>;
}

export function createGateway(opts: GatewayOptions): Gateway {
  const { ports, logger } = opts;
  const now = opts.now ?? (() => new Date());
  const io: ConsoleServer = new Server({
    serveClient: false,
    // Console commands are a few hundred bytes; nothing legitimate comes near this.
    maxHttpBufferSize: 64 * 1024,
    pingInterval: opts.pingIntervalMs ?? 10_000,
    pingTimeout: opts.pingTimeoutMs ?? 5_000,
    cors: {
      origin: (origin, cb) => cb(null, isOriginAllowed(origin, undefined, opts.allowedOrigins)),
      credentials: true,
    },
  });
  if (opts.redis) {
    io.adapter(
      createAdapter(opts.redis.pub, opts.redis.sub, {
        key: `${opts.redis.channelPrefix ?? ''}socket.io`,
      }),
    );
  }
  const publisher = createPublisher(io);
  const log = logger.child({ component: 'gateway' });

  // Tokens stay in this process, never in socket.data (which other nodes may fetch).
  const tokens = new WeakMap<ConsoleSocket, string>();
  io.use(socketAuth(ports.sessions, opts.allowedOrigins, log, (s, t) => tokens.set(s, t)));
  const stopRecheck = startSessionRecheck(
    io,
    ports.sessions,
    (s) => tokens.get(s),
    opts.sessionRecheckMs ?? 60_000,
    log,
  );
  io.on('agent:queues', (agentId, queueIds) => syncAgentQueueRoomsLocally(io, agentId, queueIds));
  io.on('connection', (socket) => {
    const user = socket.data.user;
    const joined = [rooms.user(user.userId), rooms.agent(user.userId)];
    if (isSupervisor(user)) joined.push(rooms.supervisors);
    // Rooms first, state second: whatever changes after the read still reaches this socket,
    // and the console replays it over the snapshot.
    void socket.join(joined);
    const ctx: ActionContext = { user, ports, publisher, logger: log, now };
    registerHandlers(socket, ctx);
    pushSnapshot(socket, ctx);
  });

  function pushSnapshot(socket: ConsoleSocket, ctx: ActionContext): void {
    buildSnapshot(ports.state, ctx.user, now()).then(
      (snapshot) => {
        if (!socket.connected) return;
        setQueueRooms(socket, snapshot.agent?.queueIds ?? []);
        socket.emit('console:snapshot', snapshot);
      },
      (err: unknown) => {
        // The console asks again with console:resync when no snapshot arrives.
        log.error({ err, userId: ctx.user.userId }, 'could not read the console snapshot');
      },
    );
  }

  return {
    io,
    publisher,
    attach(http) {
      io.attach(http);
    },
    async close() {
      stopRecheck();
      io.local.disconnectSockets(true);
      await io.of('/').adapter.close();
      io.engine?.close();
    },
  };
}
