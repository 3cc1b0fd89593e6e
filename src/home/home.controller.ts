import { Controller, Get, Header, NotFoundException } from '@nestjs/common';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HTML_CSP } from '../web/web-app';

/**
 * What a person who opens the service in a browser sees: a small page that offers the dashboard (/app/) and links
 * the GraphQL IDE, health and the API guide, and the guide and schema themselves as plain text (docs/api.md as
 * text/markdown, schema.gql as text/plain; readable as they are, and no renderer to ship). Self-contained: no
 * scripts, no external assets, under the same own-origin Content-Security-Policy as every HTML page (HTML_CSP).
 */
@Controller()
export class HomeController {
  private readonly files = new Map<string, string | null>();

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('content-security-policy', HTML_CSP)
  @Header('x-content-type-options', 'nosniff')
  home(): string {
    return HOME_PAGE;
  }

  @Get('docs/api.md')
  @Header('content-type', 'text/markdown; charset=utf-8')
  @Header('x-content-type-options', 'nosniff')
  apiGuide(): string {
    return this.file('docs/api.md');
  }

  @Get('schema.gql')
  @Header('content-type', 'text/plain; charset=utf-8')
  @Header('x-content-type-options', 'nosniff')
  schema(): string {
    return this.file('schema.gql');
  }

  /** Read once from the working directory (the project root under npm and in the image), like mappings/. */
  private file(name: string): string {
    if (!this.files.has(name)) {
      try {
        this.files.set(name, fs.readFileSync(path.resolve(name), 'utf8'));
      } catch {
        this.files.set(name, null);
      }
    }
    const text = this.files.get(name);
    if (text == null) throw new NotFoundException(`${name}: not shipped with this installation`);
    return text;
  }
}

const HOME_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Crosswalk</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#222}code{background:#f3f3f3;padding:0 .2em}.open a{font-size:1.2em;font-weight:600}</style>
</head>
<body>
<h1>Crosswalk</h1>
<p>Compliance frameworks as a graph: requirements, typed crosswalks, coverage and overlap, served over GraphQL.</p>
<p class="open"><a href="/app/">Open the dashboard</a>: coverage, the overlap heat map, gaps and their paths, controls and the Statement of Applicability. Sign in with an API key; the catalog and the overlap need none.</p>
<ul>
<li><a href="/graphql">/graphql</a>: the GraphQL endpoint, and in a browser the GraphQL IDE (GraphiQL, served from this service). Send <code>POST</code> with <code>content-type: application/json</code> and <code>{"query": "{ frameworks { code version } }"}</code>; tenant data needs <code>Authorization: Bearer &lt;api key&gt;</code>.</li>
<li><a href="/docs/api.md">/docs/api.md</a>: the API guide, with an example of every query and mutation.</li>
<li><a href="/schema.gql">/schema.gql</a>: the schema, with a description of every type and field.</li>
<li><a href="/health/live">/health/live</a>: the process answers.</li>
<li><a href="/health/ready">/health/ready</a>: the database answers and a catalog is loaded.</li>
</ul>
</body>
</html>
`;
