/** What sort of document a framework is; decides nothing in the engine, but tells a reader how to use it. */
export const FRAMEWORK_KINDS = ['MANAGEMENT_SYSTEM_STANDARD', 'ATTESTATION_CRITERIA', 'RISK_FRAMEWORK', 'CONTROL_CATALOG'] as const;
export type FrameworkKind = (typeof FRAMEWORK_KINDS)[number];
