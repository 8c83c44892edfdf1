/** The contract between bench/run.ts and the sections in bench/sections/. */

/** One measured number. `value` is a number where possible, so results can be compared across runs. */
export interface Row {
  /** Section name (the file name in bench/sections/ without .ts). */
  readonly section: string;
  readonly metric: string;
  readonly value: number | string;
  /** `ms`, `names/s`, `MB`, `samples/s`, … */
  readonly unit: string;
  readonly note?: string;
}

/** What every bench/sections/*.ts exports. */
export type Section = () => Promise<Row[]>;
