#!/usr/bin/env node
/**
 * Builds with `tsc -p tsconfig.build.json` only when dist is stale, so a CLI starts in well under a second after the
 * first build instead of paying about 4 s of tsc every time (tsc's own incremental mode still type-checks the whole
 * program: about as slow as a full build here).
 *
 * "Stale" means the fingerprint of the inputs differs from the one recorded by the last successful build: every file
 * under src/, migrations/ and bench/ (but specs and fixtures, which the build leaves out) with its size and mtime, plus tsconfig*.json, package.json and package-lock.json.
 * A fingerprint (not "newest mtime") also catches a deleted, renamed or moved file and a checkout of older files.
 * The fingerprint is taken before tsc runs and written to dist/.build-stamp.json only when tsc succeeds, so a file
 * edited during a build makes the next run build again.
 *
 * Usage: node scripts/build-if-stale.mjs [--always]   (--always: build even when up to date; `npm run build` uses it)
 * Plain Node, no dependencies; runs in the current directory (the project root under npm).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const INPUT_DIRS = ['src', 'migrations', 'bench'];
const INPUT_FILES = ['package.json', 'package-lock.json'];
const STAMP = join('dist', '.build-stamp.json');
/** What tsconfig.build.json excludes: editing a test does not make dist stale. */
const SKIPPED = /\.(spec|fixture)\.ts$/;

function walk(dir, into) {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, into);
    else if (entry.isFile() && !SKIPPED.test(entry.name)) into.push(path);
  }
}

export function fingerprint(root = '.') {
  const files = [];
  for (const dir of INPUT_DIRS) walk(join(root, dir), files);
  for (const name of readdirSync(root)) if (/^tsconfig.*\.json$/.test(name) || INPUT_FILES.includes(name)) files.push(join(root, name));
  files.sort();
  const hash = createHash('sha256');
  for (const file of files) {
    const stat = statSync(file);
    hash.update(`${file}\0${stat.size}\0${stat.mtimeMs}\n`);
  }
  return { digest: hash.digest('hex'), files: files.length };
}

function recorded(root) {
  try {
    return JSON.parse(readFileSync(join(root, STAMP), 'utf8')).digest;
  } catch {
    return undefined;
  }
}

function main(argv) {
  const unknown = argv.filter((arg) => arg !== '--always');
  if (unknown.length > 0 || argv.includes('-h') || argv.includes('--help')) {
    const usage = 'Usage: node scripts/build-if-stale.mjs [--always]\n\nRuns tsc -p tsconfig.build.json when src/, migrations/, bench/, tsconfig*.json or package*.json changed since the last build.';
    (unknown.some((arg) => arg !== '-h' && arg !== '--help') ? console.error : console.log)(usage);
    return unknown.some((arg) => arg !== '-h' && arg !== '--help') ? 2 : 0;
  }
  const before = fingerprint();
  if (!argv.includes('--always') && recorded('.') === before.digest) return 0;
  if (!argv.includes('--always')) console.error('build-if-stale: sources changed since the last build; building (tsc -p tsconfig.build.json)');
  const tsc = spawnSync(process.execPath, [join('node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  if (tsc.status !== 0) return tsc.status ?? 1;
  writeFileSync(STAMP, `${JSON.stringify({ digest: before.digest, files: before.files, builtAt: new Date().toISOString() })}\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
