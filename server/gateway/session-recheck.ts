import type { Logger } from '../logger.js';
import type { SessionVerifier } from './ports.js';
import type { ConsoleServer, ConsoleSocket } from './types.js';

const PARALLEL = 8;

/**
 * Checks again, every `intervalMs`, the session of each socket on this node, and closes the
 * sockets whose session has expired or was revoked. `disconnectUser` closes them at once when the
 * server knows of a logout; this catches the rest (expiry, a revocation made elsewhere).
 * A failed check (database down) leaves the socket open.
 */
export function startSessionRecheck(
  io: ConsoleServer,
  sessions: SessionVerifier,
  tokenOf: (socket: ConsoleSocket) => string | undefined,
  intervalMs: number,
  log: Logger,
): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void recheck().finally(() => {
      running = false;
    });
  }, intervalMs);
  timer.unref();

  async function recheck(): Promise<void> {
    const sockets = [...io.of('/').sockets.values()];
    for (let i = 0; i < sockets.length; i += PARALLEL) {
      await Promise.all(sockets.slice(i, i + PARALLEL).map(checkOne));
    }
  }

  async function checkOne(socket: ConsoleSocket): Promise<void> {
    const token = tokenOf(socket);
    if (!token || !socket.connected) return;
    try {
      if (await sessions.verify(token)) return;
    } catch (err) {
      log.warn({ err, userId: socket.data.user.userId }, 'session recheck failed; socket kept');
      return;
    }
    socket.emit('session:ended', { reason: 'expired' });
    socket.disconnect(true);
  }

  return () => clearInterval(timer);
}
