/** A row of a staging check: where in which file, and what is wrong. */
export interface StagingError {
  file: string;
  line: number;
  column_name: string;
  message: string;
}
