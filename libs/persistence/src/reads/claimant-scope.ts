/**
 * The claimants (importer numbers) a caller may see: an API key's claimants, or null for every claimant
 * (a `*` key, the command line). Rows that record no claimant are seen only with null. Queries take it as
 * one `text[]` parameter, `($n::text[] IS NULL OR owner = ANY ($n::text[]))`, so what is out of scope is
 * never read rather than filtered afterwards.
 */
export type ClaimantScope = readonly string[] | null;

/** The scope as a query parameter. */
export function scopeParam(scope: ClaimantScope): string[] | null {
  return scope === null ? null : [...scope];
}

/** SQL: `column` is one of the scope's claimants, the scope being query parameter `$parameter`. */
export function inScope(column: string, parameter: number): string {
  return `($${parameter}::text[] IS NULL OR ${column} = ANY ($${parameter}::text[]))`;
}
