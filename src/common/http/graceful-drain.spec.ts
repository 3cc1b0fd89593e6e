import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { GracefulDrain } from './graceful-drain';

/** A real server on 127.0.0.1 whose /slow?ms=N answers after N ms. */
async function serve(): Promise<{ server: http.Server; drain: GracefulDrain; port: number }> {
  const server = http.createServer();
  const drain = new GracefulDrain(server); // before listen, as the service does
  server.on('request', (req, res) => {
    const ms = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('ms') ?? 0);
    setTimeout(() => res.end(`done after ${ms} ms`), ms).unref();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, drain, port: (server.address() as AddressInfo).port };
}

function get(port: number, path: string, agent?: http.Agent): Promise<{ status?: number; body?: string; error?: string }> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode, body }));
      res.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
  });
}

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('GracefulDrain', () => {
  it('refuses new connections, closes idle ones, and lets a request in flight finish', async () => {
    const { drain, port } = await serve();
    const keepAlive = new http.Agent({ keepAlive: true });
    expect(await get(port, '/slow?ms=0', keepAlive)).toMatchObject({ status: 200 }); // leaves an idle connection
    const inFlight = get(port, '/slow?ms=400');
    await tick(50);
    expect(drain.inFlight).toBe(1);
    const started = Date.now();
    const stopped = drain.stop(5_000);
    await tick(20);
    expect(await get(port, '/slow?ms=0')).toEqual({ error: 'ECONNREFUSED' });
    expect(await inFlight).toEqual({ status: 200, body: 'done after 400 ms' });
    expect(await stopped).toEqual({ graceful: true, cut: 0 });
    expect(Date.now() - started).toBeLessThan(2_000); // the idle keep-alive connection did not hold it up
    keepAlive.destroy();
  });

  it('cuts what is still running when the grace period ends, and says how many', async () => {
    const { drain, port } = await serve();
    const long = get(port, '/slow?ms=10000');
    await tick(50);
    const started = Date.now();
    expect(await drain.stop(300)).toEqual({ graceful: false, cut: 1 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect((await long).error).toMatch(/ECONNRESET|socket hang up/);
  });
});
