/**
 * /frameworks: the public catalog's frameworks, and with a key the organization's own ones, each linking to its tree.
 */
import { Link } from 'react-router';
import { useQuery } from 'urql';
import type { ExplorerFrameworkRowFragment } from '../../gql/graphql';
import { QueryView } from '../../components/states';
import { useSession } from '../../session';
import { ExplorerFrameworks, ExplorerOwnFrameworks } from './queries';
import { frameworkKindWords, frameworkPath } from './format';

export function FrameworksList() {
  const { apiKey } = useSession();
  const [result, refetch] = useQuery({ query: ExplorerFrameworks });
  return (
    <section className="explorer">
      <h1>Frameworks</h1>
      <p className="lede">
        The standards and criteria Crosswalk ships, each with its requirement tree and the crosswalks between them.
      </p>
      <QueryView
        what="frameworks"
        result={result}
        retry={() => refetch({ requestPolicy: 'network-only' })}
        isEmpty={(data) => data.frameworks.length === 0}
        empty="The catalog holds no frameworks yet: the service loads them from mappings/ when it starts."
      >
        {(data) => <FrameworkTable caption="The public catalog" rows={data.frameworks} testId="explorer-frameworks" />}
      </QueryView>
      {apiKey ? (
        <OwnFrameworks />
      ) : (
        <p className="help">
          <Link to="/sign-in">Sign in</Link> to see your organization’s own frameworks beside these.
        </p>
      )}
    </section>
  );
}

function OwnFrameworks() {
  const [result, refetch] = useQuery({ query: ExplorerOwnFrameworks });
  return (
    <>
      <h2>Your organization’s own frameworks</h2>
      <QueryView
        what="your own frameworks"
        result={result}
        retry={() => refetch({ requestPolicy: 'network-only' })}
        isEmpty={(data) => data.ownFrameworks.length === 0}
        empty={
          <>
            Your organization has no frameworks of its own. Import an OSCAL catalog (<code>POST /import/oscal/catalog</code>,
            docs/oscal.md) to see it here.
          </>
        }
      >
        {(data) => <FrameworkTable caption="Your organization’s own frameworks (private)" rows={data.ownFrameworks} testId="explorer-own-frameworks" />}
      </QueryView>
    </>
  );
}

function FrameworkTable({ caption, rows, testId }: { caption: string; rows: ExplorerFrameworkRowFragment[]; testId: string }) {
  return (
    <table className="explorer-frameworks" data-testid={testId}>
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Code</th>
          <th scope="col">Name</th>
          <th scope="col">Version</th>
          <th scope="col">Publisher</th>
          <th scope="col">Kind</th>
          <th scope="col" className="explorer-num">
            Assessable requirements
          </th>
          <th scope="col">Licence</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id} data-framework={row.code}>
            <th scope="row">
              <Link to={frameworkPath(row)}>{row.code}</Link>
              {row.own && <span className="explorer-tag explorer-tag-own">Own</span>}
            </th>
            <td>{row.name}</td>
            <td>{row.version}</td>
            <td>{row.publisher}</td>
            <td>{frameworkKindWords(row.kind)}</td>
            <td className="explorer-num">{row.assessable}</td>
            <td className="explorer-licence">{row.licenceNote}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
