/**
 * EXPORT_REGISTRY is the one list of exports: GET /export/… serves every entry, `npm run export` takes every entry,
 * with its parameters, and its --help names each with an example that runs, and the docs list each. An export on
 * one surface but not another fails here.
 */
import * as fs from 'node:fs';
import { jest } from '@jest/globals';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { KeyRateLimiter } from '../common/rate-limit/key-rate-limiter';
import type { RequestScopeFactory } from '../graphql/request-scope.factory';
import type { Principal } from '../organizations/auth/principal';
import { HELP, OPTIONS, readExportCommand } from './cli/export-usage';
import { EXPORT_REGISTRY, type ExportDefinition, OSCAL_EXPORT_REGISTRY } from './export-registry';
import { ExportsController } from './exports.controller';
import type { Workbook } from './sheet';

const ORG = '7d4c0000-0000-4000-8000-0000000000e1';
const PRINCIPAL: Principal = { organizationId: ORG, keyId: 'key-1', role: 'AUDITOR' };

/** The example's arguments as the CLI gets them, `7d4c…e1` standing for a real organization id. */
function exampleArgs(definition: ExportDefinition): string[] {
  return definition.example.replace('7d4c…e1', ORG).split(' ');
}

/** The example's flags: `--x v` pairs into { x: v }. */
function exampleValues(definition: ExportDefinition): Record<string, string> {
  const args = exampleArgs(definition);
  const values: Record<string, string> = {};
  for (let i = 0; i < args.length; i += 2) values[args[i].replace(/^--/, '')] = args[i + 1];
  return values;
}

function fakeReply() {
  const sent: { status?: number; headers: Record<string, string>; body?: unknown } = { headers: {} };
  const reply = {
    code: (status: number) => ((sent.status = status), reply),
    headers: (headers: Record<string, string>) => (Object.assign(sent.headers, headers), reply),
    header: (name: string, value: string) => ((sent.headers[name] = value), reply),
    type: (value: string) => ((sent.headers['content-type'] = value), reply),
    send: (body: unknown) => ((sent.body = body), reply),
  };
  return { reply: reply as unknown as FastifyReply, sent };
}

function controller(): ExportsController {
  const scope = { catalog: {}, verifiedKey: () => Promise.resolve(undefined), principal: () => Promise.resolve(PRINCIPAL) };
  const scopes = { create: () => Promise.resolve(scope) } as unknown as RequestScopeFactory;
  const limiter = { refusal: () => Promise.resolve(undefined) } as unknown as KeyRateLimiter;
  const unused = {} as never;
  return new ExportsController(limiter, scopes, unused, unused, unused, unused, unused, unused, unused);
}

function book(name: string): Workbook {
  const sheet = { name: `Sheet of ${name}`, heading: [], columns: [{ header: 'Export', width: 10 }], rows: [[name]] };
  return { title: name, generatedAt: new Date('2026-12-05T10:00:00Z'), readMe: [], sheets: [sheet] };
}

afterEach(() => jest.restoreAllMocks());

describe.each(EXPORT_REGISTRY.map((d) => [d.name, d] as const))('%s', (name, definition) => {
  it('is served by GET /export/<name>.csv: the registry entry makes the workbook, from the parameters given', async () => {
    const workbook = jest.spyOn(definition, 'workbook').mockResolvedValue(book(name));
    const values = exampleValues(definition);
    const query = Object.fromEntries(definition.params.map((p) => [p.name, values[p.name]]));
    const { reply, sent } = fakeReply();
    await controller().export(`${name}.csv`, query, { ip: '127.0.0.1', headers: {} } as FastifyRequest, reply);
    expect(sent.status).toBe(200);
    expect(sent.headers['x-export-sheet']).toBe(`Sheet of ${name}`);
    expect(String(sent.body)).toContain(name);
    expect(workbook).toHaveBeenCalledTimes(1);
    const [input, principal] = workbook.mock.calls[0] as unknown as [{ values: Record<string, string> }, Principal | undefined];
    expect(principal).toEqual(definition.keyed ? PRINCIPAL : undefined);
    for (const p of definition.params) expect(input.values[p.name]).toBe(values[p.name]);
    expect(sent.headers['cache-control']).toBe(definition.keyed ? 'private, no-store' : 'public, max-age=0, must-revalidate');
  });

  it('is in the CLI help: its options (--org when keyed) on its line, and its example', () => {
    const line = HELP.split('\n').find((l) => l.startsWith(`  ${name} `));
    expect(line).toBeDefined();
    for (const p of definition.params) expect(line).toContain(p.optional ? `[--${p.name} ` : `--${p.name} <ref>`);
    expect(line!.includes('--org <organization id>')).toBe(definition.keyed);
    expect(HELP).toContain(`\n  npm run export -- ${name} ${definition.example}`);
  });

  it("runs on the command line: its example is a command the CLI takes, with the example's values", () => {
    const values = exampleValues(definition);
    for (const option of Object.keys(values)) expect(OPTIONS).toHaveProperty(option);
    const command = readExportCommand(name, values);
    expect(command).toMatchObject({ definition, values });
  });

  it('names each missing required option (--org when keyed) in the usage error, and no optional one', () => {
    const values = exampleValues(definition);
    const required = [...(definition.keyed ? ['org'] : []), ...definition.params.filter((p) => !p.optional).map((p) => p.name)];
    expect(required.length).toBeGreaterThan(0);
    for (const option of required) {
      const { [option]: _left, ...rest } = values;
      expect(readExportCommand(name, rest)).toEqual({ problem: `${name} needs --${option}` });
    }
    for (const p of definition.params.filter((q) => q.optional)) {
      const { [p.name]: _left, ...rest } = values;
      expect(readExportCommand(name, rest)).not.toHaveProperty('problem');
    }
  });

  it('is documented: a row of the README export table and the API guide', () => {
    expect(fs.readFileSync('README.md', 'utf8')).toMatch(new RegExp(`^\\| \`${name}\` \\(`, 'm'));
    expect(fs.readFileSync('docs/api.md', 'utf8')).toContain(`GET /export/${name}.xlsx`);
  });
});

it('answers an export not in the registry with 404 naming every one that is, and the CLI with its usage error', async () => {
  const { reply, sent } = fakeReply();
  await controller().export('pdf.xlsx', {}, { ip: '127.0.0.1', headers: {} } as FastifyRequest, reply);
  expect(sent.status).toBe(404);
  const message = (sent.body as { errors: Array<{ message: string }> }).errors[0].message;
  for (const { name } of EXPORT_REGISTRY) expect(message).toContain(`/export/${name}.xlsx or .csv`);
  const names = [...EXPORT_REGISTRY, ...OSCAL_EXPORT_REGISTRY].map((d) => d.name).join(', ');
  expect(readExportCommand('pdf', {})).toEqual({ problem: `no export "pdf"; one of ${names}` });
});

it('takes only the options some export has, besides --org, --format, --sheet and --out', () => {
  const params = new Set(EXPORT_REGISTRY.flatMap((d) => d.params.map((p) => p.name)));
  expect(Object.keys(OPTIONS).sort()).toEqual([...params, 'org', 'format', 'sheet', 'out'].sort());
});
