/**
 * One control as an import file (or GraphQL's importControls) states it, before any value is checked: the file
 * reader (control-file.ts) fills it and the import service validates and writes it. A property is `undefined` when
 * the file has no such column, and `null` when the column is there but the cell is empty. `links` holds the link
 * specifications (`FRAMEWORK:refId` or `FRAMEWORK:refId=PARTIAL`) as written, one per element.
 */
export type ControlImportRow = {
  code?: string | null;
  title?: string | null;
  description?: string | null;
  owner?: string | null;
  status?: string | null;
  links?: string[] | null;
};
