/** One measured figure, with the target it is held to when there is one. */
export interface BenchMetric {
  name: string;
  value: number;
  unit: string;
  target?: string;
  pass?: boolean;
}

/** What one suite measured, side by side in one run. */
export interface SuiteResult {
  suite: string;
  metrics: BenchMetric[];
  notes?: string[];
}
