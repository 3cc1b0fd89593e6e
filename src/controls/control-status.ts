/** Where a control stands (only IMPLEMENTED counts in coverage) and how much a link claims: the engine's vocabulary. */
export { CONTROL_STATUSES, LINK_COVERAGES, type ControlStatus, type LinkCoverage } from '../graph/tenant-state';
