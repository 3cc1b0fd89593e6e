/**
 * The dashboard (index.html) and the offline GraphiQL (graphiql.html), built into dist/web and served by the service
 * under /app/ (src/web/). Every asset is a file of its own (no data: URLs, no inline scripts), so the pages run under a
 * Content-Security-Policy that allows the service's own origin only.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

const here = import.meta.dirname;

/**
 * GraphiQL's stylesheet embeds its fonts as data: URLs, which a font-src of 'self' refuses. This writes each one out
 * as a file (node_modules/.cache/crosswalk-fonts) and points the stylesheet at it by a relative path, so Vite's own
 * CSS handling hashes it into assets/ like any other font, and the policy stays "this origin only".
 */
function fontsAsFiles(): Plugin {
  const cache = resolve(here, '../node_modules/.cache/crosswalk-fonts');
  return {
    name: 'crosswalk:fonts-as-files',
    enforce: 'pre',
    apply: 'build',
    transform(code, id) {
      if (!id.endsWith('.css') || !code.includes('data:font/')) return null;
      mkdirSync(cache, { recursive: true });
      const replaced = code.replace(/url\((['"]?)data:font\/([a-z0-9]+);base64,([A-Za-z0-9+/=]+)\1\)/g, (_match, _quote, format: string, base64: string) => {
        const source = Buffer.from(base64, 'base64');
        const file = join(cache, `font-${createHash('sha256').update(source).digest('hex').slice(0, 12)}.${format}`);
        writeFileSync(file, source);
        return `url(${relative(dirname(id), file).split(sep).join('/')})`;
      });
      return { code: replaced, map: null };
    },
  };
}

/**
 * A gzipped copy beside every script, stylesheet and font the build writes (`app-….js.gz`), which the service sends
 * to browsers that accept gzip (@fastify/static's preCompressed), so nothing is compressed per request.
 */
function gzipCopies(): Plugin {
  return {
    name: 'crosswalk:gzip-copies',
    apply: 'build',
    writeBundle(options, bundle) {
      for (const fileName of Object.keys(bundle)) {
        if (!/\.(js|css|ttf|svg|json)$/.test(fileName)) continue;
        const path = join(options.dir!, fileName);
        writeFileSync(`${path}.gz`, gzipSync(readFileSync(path), { level: constants.Z_BEST_COMPRESSION }));
      }
    },
  };
}

export default defineConfig({
  plugins: [fontsAsFiles(), gzipCopies()],
  root: here,
  base: '/app/',
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: resolve(here, '../dist/web'),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    // GraphiQL's editor (Monaco) is big; it is its own page and never part of the dashboard's bundle.
    chunkSizeWarningLimit: 4096,
    rolldownOptions: {
      input: { app: resolve(here, 'index.html'), graphiql: resolve(here, 'graphiql.html') },
      // GraphiQL's dependencies mark modules "use client" for React Server Components, which a client bundle ignores.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});
