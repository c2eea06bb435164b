/**
 * A/B (or A/B/C…) comparisons on a shared, noisy machine: round after round, each scenario is
 * measured on every arm back to back, the arms' order reversed every other round, so that neither
 * arm always goes first (into the other's garbage, a warmer or colder cache) and load that comes
 * and goes falls on all arms alike. Between two arms the figure to quote is the median of the
 * per-round ratios: steadier than a ratio of medians.
 */
import { median, startCpuProfile } from './harness.js';

export interface InterleaveOptions<S, A, T> {
  scenarios: readonly S[];
  arms: readonly A[];
  rounds: number;
  /** One measurement of scenario `s` on arm `a`. */
  measure: (s: S, a: A) => Promise<T>;
  /** Once per scenario and arm before the rounds (JIT, caches); what it returns is dropped. */
  warmUp?: (s: S, a: A) => Promise<unknown>;
  /** After the warm-up, before the first round. */
  beforeRounds?: () => void;
  /** Write a V8 CPU profile of this process over the rounds (not the warm-up) to this file. */
  profile?: string | undefined;
}

/** Each scenario's measurements per arm, round by round (index i of two arms: the same round). */
export class Samples<S, A, T> {
  private readonly byScenario = new Map<S, Map<A, T[]>>();

  add(s: S, a: A, x: T): void {
    let byArm = this.byScenario.get(s);
    if (!byArm) this.byScenario.set(s, (byArm = new Map()));
    byArm.set(a, [...(byArm.get(a) ?? []), x]);
  }

  of(s: S, a: A): T[] {
    return this.byScenario.get(s)?.get(a) ?? [];
  }

  /** `value` of arm `a` over `value` of arm `b`, round by round. */
  ratios(s: S, a: A, b: A, value: (x: T) => number): number[] {
    const bs = this.of(s, b);
    return this.of(s, a).map((x, i) => value(x) / value(bs[i]!));
  }
}

export async function interleave<S, A, T>(o: InterleaveOptions<S, A, T>): Promise<Samples<S, A, T>> {
  if (o.warmUp) for (const s of o.scenarios) for (const a of o.arms) await o.warmUp(s, a);
  o.beforeRounds?.();
  const stopProfile = o.profile ? await startCpuProfile(o.profile) : undefined;
  const samples = new Samples<S, A, T>();
  for (let r = 0; r < o.rounds; r++) {
    for (const s of o.scenarios) {
      for (const a of r % 2 ? [...o.arms].reverse() : o.arms) samples.add(s, a, await o.measure(s, a));
    }
  }
  await stopProfile?.();
  return samples;
}

/** `  new/base: median of per-round ratios 0.973 (0.95 0.99 …)`, or '' when there is nothing to compare. */
export function ratioNote(label: string, ratios: number[]): string {
  return ratios.length ? `  ${label}: median of per-round ratios ${median(ratios).toFixed(3)} (${ratios.map((x) => x.toFixed(2)).join(' ')})` : '';
}
