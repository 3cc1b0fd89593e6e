/**
 * docker-compose.yml and the Dockerfile, checked as far as a machine without a Docker engine allows: the compose file
 * parses, wires the service to PostgreSQL 15 through DATABASE_URL with health checks, and the image runs what the
 * build produces.
 */
import * as fs from 'node:fs';
import * as semver from 'semver';
import { parse } from 'yaml';
import { loadConfig } from '../../src/config/app-config';

const compose = parse(fs.readFileSync('docker-compose.yml', 'utf8'));
const dockerfile = fs.readFileSync('Dockerfile', 'utf8');

it('runs PostgreSQL 15 with a pg_isready health check', () => {
  const pg = compose.services.postgres;
  expect(pg.image).toMatch(/^postgres:15(\b|-)/);
  expect(pg.healthcheck.test.join(' ')).toMatch(/pg_isready -U crosswalk -d crosswalk/);
  expect(pg.environment).toEqual({ POSTGRES_USER: 'crosswalk', POSTGRES_PASSWORD: 'crosswalk', POSTGRES_DB: 'crosswalk' });
});

it('points the service at that database through DATABASE_URL, once it is healthy', () => {
  const app = compose.services.crosswalk;
  const url = new URL(app.environment.DATABASE_URL);
  const pg = compose.services.postgres.environment;
  expect([url.protocol, url.hostname, url.port, url.username, url.password, url.pathname]).toEqual([
    'postgres:', 'postgres', '5432', pg.POSTGRES_USER, pg.POSTGRES_PASSWORD, `/${pg.POSTGRES_DB}`,
  ]);
  expect(app.depends_on.postgres.condition).toBe('service_healthy');
  expect(app.build).toBe('.');
});

it('checks the service through its readiness endpoint on the port it listens on', () => {
  const app = compose.services.crosswalk;
  expect(app.healthcheck.test.join(' ')).toContain(`http://127.0.0.1:${app.environment.PORT}/health/ready`);
  expect(app.ports).toEqual([`${app.environment.PORT}:${app.environment.PORT}`]);
  expect(app.environment.HOST).toBe('0.0.0.0');
});

it('builds an image that runs the compiled entry point with the shipped mappings', () => {
  expect(dockerfile).toMatch(/^FROM node:20/m);
  expect(dockerfile).toMatch(/RUN npm ci/);
  const cmd = /^CMD \["node", "([^"]+)"\]/m.exec(dockerfile)?.[1];
  expect(cmd).toBe('dist/src/main.js');
  expect(fs.existsSync(cmd!)).toBe(true); // `npm test` builds first, like the image does
  expect(dockerfile).toMatch(/COPY mappings \.\/mappings/);
  expect(dockerfile).toMatch(/COPY docs \.\/docs/); // GET /docs/api.md serves it
  expect(dockerfile).toMatch(/COPY schema\.gql \.\//); // GET /schema.gql
  const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));
  expect(Number(/^FROM node:(\d+)/m.exec(dockerfile)![1])).toBeGreaterThanOrEqual(Number(/(\d+)/.exec(pkg.engines.node)![1]));
});

it('gives the service longer to stop than it gives requests in flight, so Docker never kills it mid-drain', () => {
  const app = compose.services.crosswalk;
  const grace = loadConfig({ ...app.environment }, '/').shutdownGraceSeconds;
  expect(app.stop_signal).toBe('SIGTERM');
  expect(Number(/^(\d+)s$/.exec(app.stop_grace_period)![1])).toBeGreaterThanOrEqual(grace + 5);
});

it('installs no package whose engines exclude the Node version the README promises, so `npm ci` prints no EBADENGINE', () => {
  const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));
  const minimum = semver.minVersion(pkg.engines.node)!;
  const readme = fs.readFileSync('README.md', 'utf8');
  expect(readme).toContain(`Node.js ${minimum.major}.${minimum.minor} or newer`);
  const lock = JSON.parse(fs.readFileSync('package-lock.json', 'utf8'));
  const excluding = Object.entries(lock.packages as Record<string, { version?: string; engines?: { node?: string } }>)
    .filter(([, entry]) => typeof entry.engines?.node === 'string')
    .filter(([, entry]) => !semver.satisfies(minimum, entry.engines!.node!, { includePrerelease: true }))
    .map(([path, entry]) => `${path}@${entry.version} wants node ${entry.engines!.node}`);
  expect(excluding).toEqual([]);
});
