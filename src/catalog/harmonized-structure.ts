/**
 * The ISO Harmonized Structure (ISO/IEC Directives Part 1, Annex SL Appendix 2): the clauses 4–10 that ISO
 * management-system standards share. A requirement's `hsClause` names the HS clause it implements, e.g. "9.2.2".
 */
export const HS_CLAUSE = '(?:4|5|6|7|8|9|10)(?:\\.[0-9]{1,2}){0,3}';
export const HS_CLAUSE_REGEXP = new RegExp(`^${HS_CLAUSE}$`);
