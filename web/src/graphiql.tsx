/**
 * The GraphQL IDE served at GET /graphql to a browser: GraphiQL from npm, bundled with its editor and workers, so it
 * works offline and under the service's Content-Security-Policy. Headers (the API key) are never persisted unless the
 * user switches that on in GraphiQL's settings, not even in the query history (graphiql-storage.ts); queries and tabs
 * are kept in this browser's localStorage as GraphiQL does.
 */
import 'graphiql/setup-workers/vite';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'graphiql/style.css';
import './graphiql.css';
import { headerlessStorage } from './graphiql-storage';
import { readStoredKey } from './session';

const fetcher = createGraphiQLFetcher({ url: '/graphql' });
// A key the dashboard holds in this tab is offered as the starting headers, never stored by GraphiQL.
const key = readStoredKey();
const defaultHeaders = JSON.stringify({ authorization: key ? `Bearer ${key}` : 'Bearer <paste an API key>' }, null, 2);

const defaultQuery = `# Crosswalk GraphQL API. The guide: /docs/api.md; the dashboard: /app/
# Without a key, the catalog, crosswalks and overlap are public. Tenant fields need the Authorization header below.
{
  frameworks {
    code
    version
    name
    requirementCount(assessableOnly: true)
  }
}
`;

createRoot(document.getElementById('graphiql')!).render(
  <StrictMode>
    <GraphiQL fetcher={fetcher} storage={headerlessStorage(localStorage)} shouldPersistHeaders={false} defaultHeaders={defaultHeaders} defaultQuery={defaultQuery} isHeadersEditorEnabled>
      {/* In place of GraphiQL's logo, which links to GitHub: nothing on this page leads off the service. */}
      <GraphiQL.Logo>
        <a className="crosswalk-ide-home" href="/app/">
          Crosswalk
        </a>
      </GraphiQL.Logo>
    </GraphiQL>
  </StrictMode>,
);
