/** What sort of document a framework is. The engine ignores it; only MANAGEMENT_SYSTEM_STANDARD can be declared in a management system. */
export const FRAMEWORK_KINDS = ['MANAGEMENT_SYSTEM_STANDARD', 'ATTESTATION_CRITERIA', 'RISK_FRAMEWORK', 'CONTROL_CATALOG'] as const;
export type FrameworkKind = (typeof FRAMEWORK_KINDS)[number];
