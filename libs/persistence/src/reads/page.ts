/** One page of a list; `total` counts every item, not only this page's. */
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface PageRequest {
  limit: number;
  offset: number;
}

/** `timestamptz` comes back from pg as a Date; plain objects carry ISO strings. */
export function isoOrNull(value: Date | string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}
