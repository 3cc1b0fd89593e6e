/**
 * The dashboard's shell: the session, the GraphQL client for its key, the navigation and the pages. Served by the
 * service at /app/ (every path under it answers this page, so links and reloads work).
 */
import { useMemo } from 'react';
import { createBrowserRouter, NavLink, Outlet, RouterProvider, useNavigate } from 'react-router';
import { Provider } from 'urql';
import { createClient } from './client';
import { SessionProvider, useSession } from './session';
import { SignInPage } from './pages/SignInPage';
import { OverviewPage } from './pages/OverviewPage';
import { OverlapPage } from './pages/OverlapPage';
import { FrameworksPage, FrameworkPage, RequirementPage } from './pages/ExplorerPages';
import { GapsPage } from './pages/GapsPage';
import { ControlsPage, ControlPage } from './pages/ControlsPages';
import { SoaPage } from './pages/SoaPage';
import { NotFoundPage } from './pages/NotFoundPage';

const router = createBrowserRouter(
  [
    {
      element: <Layout />,
      children: [
        { index: true, element: <OverviewPage /> },
        { path: 'sign-in', element: <SignInPage /> },
        { path: 'overlap', element: <OverlapPage /> },
        { path: 'frameworks', element: <FrameworksPage /> },
        { path: 'frameworks/:framework', element: <FrameworkPage /> },
        { path: 'frameworks/:framework/requirements/:refId', element: <RequirementPage /> },
        { path: 'gaps', element: <GapsPage /> },
        { path: 'controls', element: <ControlsPage /> },
        { path: 'controls/:id', element: <ControlPage /> },
        { path: 'soa', element: <SoaPage /> },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ],
  { basename: '/app' },
);

export function App() {
  return (
    <SessionProvider>
      <RouterProvider router={router} />
    </SessionProvider>
  );
}

const PAGES: Array<[to: string, label: string, end?: boolean]> = [
  ['/', 'Overview', true],
  ['/overlap', 'Overlap heat map'],
  ['/frameworks', 'Frameworks'],
  ['/gaps', 'Gaps'],
  ['/controls', 'Controls'],
  ['/soa', 'Statement of Applicability'],
];

function Layout() {
  const session = useSession();
  const { apiKey, signOut } = session;
  const navigate = useNavigate();
  // A new client per key: nothing cached under one key is ever shown under another.
  const client = useMemo(
    () =>
      createClient(apiKey, (message) => {
        signOut(`The service refused the key: ${message}`);
        navigate('/sign-in');
      }),
    [apiKey, signOut, navigate],
  );
  return (
    <Provider value={client}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top">
        <span className="brand">Crosswalk</span>
        <nav aria-label="Pages">
          <ul>
            {PAGES.map(([to, label, end]) => (
              <li key={to}>
                <NavLink to={to} end={end}>
                  {label}
                </NavLink>
              </li>
            ))}
            <li>
              <a href="/graphql">GraphQL IDE</a>
            </li>
          </ul>
        </nav>
        <div className="who">
          {session.apiKey ? (
            <button
              type="button"
              onClick={() => {
                session.signOut('You are signed out; the key is forgotten.');
                navigate('/sign-in');
              }}
            >
              Sign out
            </button>
          ) : (
            <NavLink to="/sign-in">Sign in</NavLink>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </Provider>
  );
}
