/** One measured figure; `--json` prints each as one line. Metric names are stable once shipped. */
export interface BenchResult {
  bench: string;
  metric: string;
  value: number;
  unit: string;
  /** Which configuration produced it when a bench measures several (e.g. "embedded-sqlite"). */
  variant?: string;
}

export interface BenchOptions {
  customers?: number;
  recipients?: number;
  seed: number;
}

export type Bench = (options: BenchOptions) => Promise<BenchResult[]>;
