import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Stops an HTTP server the way a rolling deploy expects: no new connections, idle keep-alive connections closed, every
 * request in flight allowed to finish (its connection closed right after), and only what is still running after the
 * grace period cut off.
 *
 * Apollo's own drain (which Nest installs, not configurable) cuts requests still running after 10 s; the service
 * drains with this first, for SHUTDOWN_GRACE_SECONDS, so Apollo finds nothing left. Attach it before the server
 * listens: it counts requests per connection from the first one.
 */
export class GracefulDrain {
  private readonly pending = new Map<Socket, number>();
  private stopping?: Promise<{ graceful: boolean; cut: number }>;

  constructor(private readonly server: Server) {
    server.on('connection', (socket: Socket) => {
      this.pending.set(socket, 0);
      socket.once('close', () => this.pending.delete(socket));
    });
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const socket = req.socket;
      this.pending.set(socket, (this.pending.get(socket) ?? 0) + 1);
      if (this.stopping) res.setHeader('connection', 'close');
      res.once('close', () => {
        const left = Math.max(0, (this.pending.get(socket) ?? 1) - 1);
        this.pending.set(socket, left);
        if (this.stopping && left === 0) socket.end();
      });
    });
  }

  /** Requests being answered now. */
  get inFlight(): number {
    let n = 0;
    for (const count of this.pending.values()) n += count;
    return n;
  }

  /**
   * Stops taking connections and waits up to `graceMs` for the requests in flight; then destroys the connections left.
   * Resolves once the server is closed, with whether that was graceful and how many requests were cut.
   */
  stop(graceMs: number): Promise<{ graceful: boolean; cut: number }> {
    this.stopping ??= (async () => {
      const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
      for (const [socket, count] of this.pending) if (count === 0) socket.end();
      let timer: NodeJS.Timeout | undefined;
      const expired = new Promise<'expired'>((resolve) => {
        timer = setTimeout(() => resolve('expired'), graceMs);
      });
      const outcome = await Promise.race([closed.then(() => 'closed' as const), expired]);
      clearTimeout(timer);
      if (outcome === 'closed') return { graceful: true, cut: 0 };
      const cut = this.inFlight;
      for (const socket of this.pending.keys()) socket.destroy();
      await closed;
      return { graceful: false, cut };
    })();
    return this.stopping;
  }
}
