/** Turns a constant list of names into the `{ NAME: 'NAME' }` object that `registerEnumType` takes. */
export function enumObject<T extends string>(values: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };
}
