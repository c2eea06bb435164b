/** One row of `npm run bench`: written to bench/results.json and printed by bench/table.ts. */
export interface Figure {
  figure: string;
  value: number;
  unit: string;
  /** Ratio to the same-size ceiling (reads: ≥ 0.5 is the target), or the figure's own baseline. */
  ratio?: number;
  baseline?: string;
  /** Ratio to bare Fastify hello-world. */
  ratioToHello?: number;
  dataSize?: string;
  database?: string;
}
