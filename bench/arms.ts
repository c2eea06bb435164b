/**
 * `--arms 'name=checkout[@VAR=value],…'` of `bench/http-cpu.ts`: each arm a name, a checkout and at
 * most one environment variable. Split on the first `=` and the first `@` only: the variable's own
 * `=` (and one in its value) belong to it (splitting `name=ckout@VAR=value` at every `=` lost the
 * variable, which ADR 043's first ablation ran into).
 */
export interface Arm {
  name: string;
  checkout: string;
  env: Record<string, string>;
}

export function parseArms(specs: string): Arm[] {
  return specs.split(',').map((spec) => {
    const eq = spec.indexOf('=');
    if (eq <= 0) throw new Error(`--arms: "${spec}" is not name=checkout[@VAR=value]`);
    const rest = spec.slice(eq + 1);
    const at = rest.indexOf('@');
    const checkout = at < 0 ? rest : rest.slice(0, at);
    if (!checkout) throw new Error(`--arms: "${spec}" names no checkout`);
    if (at < 0) return { name: spec.slice(0, eq), checkout, env: {} };
    const assignment = rest.slice(at + 1);
    const eqVar = assignment.indexOf('=');
    if (eqVar <= 0) throw new Error(`--arms: "${spec}": after @ comes VAR=value`);
    return { name: spec.slice(0, eq), checkout, env: { [assignment.slice(0, eqVar)]: assignment.slice(eqVar + 1) } };
  });
}
