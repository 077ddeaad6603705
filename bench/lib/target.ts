/**
 * A target the issue names, checked against the figure measured. Every script puts its checks
 * under `targets` so that bench/run.ts can list the missed ones.
 */
export interface TargetCheck {
  /** The figure measured. */
  readonly value: number;
  /** It passes when strictly below this. */
  readonly under: number;
  readonly unit: string;
  readonly pass: boolean;
}

export function under(value: number, limit: number, unit: string): TargetCheck {
  return { value, under: limit, unit, pass: value < limit };
}
