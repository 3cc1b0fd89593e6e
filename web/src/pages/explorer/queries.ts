/**
 * The explorer's GraphQL operations (typed by `npm run web:codegen`). Catalog reads are public; the `…Keyed` variants
 * add the organization's own frameworks, and the status and coverage reads need a key.
 */
import { graphql } from '../../gql';

export const ExplorerFrameworks = graphql(`
  query ExplorerFrameworks {
    frameworks {
      ...ExplorerFrameworkRow
    }
  }
`);

export const ExplorerOwnFrameworks = graphql(`
  query ExplorerOwnFrameworks {
    ownFrameworks {
      ...ExplorerFrameworkRow
    }
  }
`);

graphql(`
  fragment ExplorerFrameworkRow on Framework {
    id
    code
    version
    name
    publisher
    kind
    own
    licenceNote
    assessable: requirementCount(assessableOnly: true)
  }
`);

graphql(`
  fragment ExplorerTreePage on RequirementConnection {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        refId
        title
        kind
        assessable
        withdrawn
        parent {
          id
        }
      }
    }
  }
`);

graphql(`
  fragment ExplorerFrameworkHead on Framework {
    id
    code
    version
    name
    publisher
    kind
    own
    description
    licenceNote
    assessable: requirementCount(assessableOnly: true)
  }
`);

/** One page of a public framework's requirements, with the framework itself (null when there is none). */
export const ExplorerTree = graphql(`
  query ExplorerTree($framework: String!, $first: Int, $after: String) {
    framework(framework: $framework) {
      ...ExplorerFrameworkHead
      requirements(first: $first, after: $after) {
        ...ExplorerTreePage
      }
    }
  }
`);

/** The same with a key: the reference may also name one of the organization's own frameworks. */
export const ExplorerTreeKeyed = graphql(`
  query ExplorerTreeKeyed($framework: String!, $first: Int, $after: String) {
    framework(framework: $framework) {
      ...ExplorerFrameworkHead
      requirements(first: $first, after: $after) {
        ...ExplorerTreePage
      }
    }
    ownFramework(framework: $framework) {
      ...ExplorerFrameworkHead
      requirements(first: $first, after: $after) {
        ...ExplorerTreePage
      }
    }
  }
`);

/** The organization's status of every assessable requirement of one framework, a page of SoA lines at a time. */
export const ExplorerTreeStatuses = graphql(`
  query ExplorerTreeStatuses($framework: String!, $first: Int, $after: String) {
    statementOfApplicability(framework: $framework, first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          requirement {
            id
          }
          status
        }
      }
    }
  }
`);

graphql(`
  fragment ExplorerRequirementDetail on Requirement {
    id
    refId
    title
    text
    kind
    assessable
    withdrawn
    hsClause
    guidance
    objectives
    aiRoles
    roleNote
    framework {
      id
      code
      version
      name
      own
      licenceNote
    }
    parent {
      id
      refId
      title
    }
    children {
      id
      refId
      title
      assessable
    }
    crosswalks {
      relationship
      strength
      rationale
      evidence
      condition
      note
      reversed
      equivalent
      target {
        id
        refId
        title
        framework {
          id
          code
          version
        }
      }
      mappingSet {
        id
        key
        name
        own
        description
        provenance {
          method
          status
          author
          date
          licence
          comprehensive
          sourceFile
          sources {
            title
            url
            note
          }
        }
      }
    }
  }
`);

export const ExplorerRequirement = graphql(`
  query ExplorerRequirement($framework: String!, $refId: String!) {
    requirement(framework: $framework, refId: $refId) {
      ...ExplorerRequirementDetail
    }
    framework(framework: $framework) {
      id
      code
      version
    }
  }
`);

/**
 * An own framework has no `requirement(refId:)` lookup: find the refId among the requirements whose text contains it
 * (cursors only), then read the one after the cursor before it.
 */
export const ExplorerOwnRequirementFind = graphql(`
  query ExplorerOwnRequirementFind($framework: String!, $search: String!) {
    ownFramework(framework: $framework) {
      id
      code
      version
      requirements(filter: { search: $search }, first: 500) {
        edges {
          cursor
          node {
            id
            refId
          }
        }
      }
    }
  }
`);

export const ExplorerOwnRequirement = graphql(`
  query ExplorerOwnRequirement($framework: String!, $search: String!, $after: String) {
    ownFramework(framework: $framework) {
      id
      requirements(filter: { search: $search }, first: 1, after: $after) {
        edges {
          node {
            ...ExplorerRequirementDetail
          }
        }
      }
    }
  }
`);

/** Coverage with every path in full; fits the service's query-cost budget up to two hops. */
export const ExplorerCoverage = graphql(`
  query ExplorerCoverage($framework: String!, $refId: String!, $maxHops: Int!) {
    requirementCoverage(framework: $framework, refId: $refId, maxHops: $maxHops) {
      status
      weight
      heading
      inferred
      rollUp {
        full
        partial
        none
        excluded
        score
      }
      paths {
        status
        weight
        inferred
        controls {
          id
          code
          coverage
        }
        source {
          id
          refId
          title
          framework {
            id
            code
            version
          }
        }
        steps {
          relationship
          strength
          rationale
          condition
          conditionMet
          mappingSetPrivate
          reversed
          mappingSet {
            id
            name
          }
          to {
            id
            refId
            title
            framework {
              id
              code
              version
            }
          }
        }
      }
    }
  }
`);

/**
 * Three hops: the service's query-cost budget leaves room for the path's shape only (no titles, no controls); each
 * path's controls are read with ExplorerSourceControls from its source requirement.
 */
export const ExplorerCoverageThreeHops = graphql(`
  query ExplorerCoverageThreeHops($framework: String!, $refId: String!) {
    requirementCoverage(framework: $framework, refId: $refId, maxHops: 3) {
      status
      weight
      heading
      inferred
      rollUp {
        full
        partial
        none
        excluded
        score
      }
      paths {
        status
        weight
        inferred
        source {
          refId
          framework {
            code
          }
        }
        steps {
          relationship
          strength
          mappingSetPrivate
          to {
            refId
            framework {
              code
            }
          }
        }
      }
    }
  }
`);

/** The controls that make a requirement directly satisfied: its direct path (no steps) at one hop. */
export const ExplorerSourceControls = graphql(`
  query ExplorerSourceControls($framework: String!, $refId: String!) {
    requirementCoverage(framework: $framework, refId: $refId, maxHops: 1) {
      paths {
        controls {
          id
          code
          coverage
        }
        steps {
          strength
        }
      }
    }
  }
`);
