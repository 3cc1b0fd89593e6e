#!/usr/bin/env node
/**
 * Builds with `tsc -p tsconfig.build.json` only when dist is stale, so a CLI starts in well under a second after the
 * first build instead of paying about 4 s of tsc every time (tsc's own incremental mode still type-checks the whole
 * program: about as slow as a full build here). With --web it does the same for the dashboard and the offline
 * GraphiQL (web/): GraphQL code generation from schema.gql, then `vite build` into dist/web.
 *
 * "Stale" means the fingerprint of the inputs differs from the one recorded by the last successful build. For the
 * service: every file under src/, migrations/ and bench/ (but specs and fixtures, which the build leaves out) with its
 * size and mtime, plus tsconfig*.json, package.json and package-lock.json. For the web: every file under web/ (but the
 * generated web/src/gql/), schema.gql, package.json and package-lock.json.
 * A fingerprint (not "newest mtime") also catches a deleted, renamed or moved file and a checkout of older files.
 * The fingerprint is taken before the build runs and written to its stamp only when the build succeeds, so a file
 * edited during a build makes the next run build again.
 *
 * Usage: node scripts/build-if-stale.mjs [--always] [--web]
 *   --always  build even when up to date (`npm run build` uses it)
 *   --web     the dashboard too (`npm start` and `npm run build` use it; the CLIs do not need it)
 * Plain Node, no dependencies of its own; runs in the current directory (the project root under npm).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const run = (args) => spawnSync(process.execPath, args, { stdio: 'inherit' }).status ?? 1;

/** What is built, from which inputs, and where its stamp is kept. */
const TARGETS = {
  service: {
    dirs: ['src', 'migrations', 'bench'],
    files: (name) => /^tsconfig.*\.json$/.test(name) || ['package.json', 'package-lock.json'].includes(name),
    // What tsconfig.build.json excludes: editing a test does not make dist stale.
    skipped: (path) => /\.(spec|fixture)\.ts$/.test(path),
    stamp: join('dist', '.build-stamp.json'),
    describe: 'tsc -p tsconfig.build.json',
    build: () => run([join('node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json']),
  },
  web: {
    dirs: ['web'],
    files: (name) => ['schema.gql', 'package.json', 'package-lock.json'].includes(name),
    // Generated from schema.gql by the build itself.
    skipped: (path) => path.startsWith(join('web', 'src', 'gql')),
    stamp: join('dist', '.web-build-stamp.json'),
    describe: 'graphql-codegen, then vite build into dist/web',
    build: () =>
      run([join('node_modules', '@graphql-codegen', 'cli', 'cjs', 'bin.js'), '--config', join('web', 'codegen.ts')]) ||
      run([join('node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join('web', 'vite.config.mts')]),
  },
};

function walk(dir, into, skipped) {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (skipped(path)) continue;
    if (entry.isDirectory()) walk(path, into, skipped);
    else if (entry.isFile()) into.push(path);
  }
}

export function fingerprint(root = '.', target = TARGETS.service) {
  const files = [];
  for (const dir of target.dirs) walk(join(root, dir), files, (path) => target.skipped(path.slice(root === '.' ? 0 : root.length + 1)));
  for (const name of readdirSync(root)) if (target.files(name)) files.push(join(root, name));
  files.sort();
  const hash = createHash('sha256');
  for (const file of files) {
    const stat = statSync(file);
    hash.update(`${file}\0${stat.size}\0${stat.mtimeMs}\n`);
  }
  return { digest: hash.digest('hex'), files: files.length };
}

function recorded(root, target) {
  try {
    return JSON.parse(readFileSync(join(root, target.stamp), 'utf8')).digest;
  } catch {
    return undefined;
  }
}

function main(argv) {
  const flags = ['--always', '--web'];
  const unknown = argv.filter((arg) => !flags.includes(arg));
  if (unknown.length > 0) {
    const usage = 'Usage: node scripts/build-if-stale.mjs [--always] [--web]\n\nRuns tsc -p tsconfig.build.json when src/, migrations/, bench/, tsconfig*.json or package*.json changed since the last build;\nwith --web, also builds the dashboard (web/) into dist/web when web/, schema.gql or package*.json changed. --always builds regardless.';
    const help = unknown.every((arg) => arg === '-h' || arg === '--help');
    (help ? console.log : console.error)(usage);
    return help ? 0 : 2;
  }
  const always = argv.includes('--always');
  for (const target of argv.includes('--web') ? [TARGETS.service, TARGETS.web] : [TARGETS.service]) {
    const before = fingerprint('.', target);
    if (!always && recorded('.', target) === before.digest) continue;
    if (!always) console.error(`build-if-stale: sources changed since the last build; building (${target.describe})`);
    const status = target.build();
    if (status !== 0) return status;
    writeFileSync(target.stamp, `${JSON.stringify({ digest: before.digest, files: before.files, builtAt: new Date().toISOString() })}\n`);
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
