/** The middle value (the upper one of an even count). */
export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

/**
 * The median of `measured[i] / baseline[i]`: samples taken in turn (A B A B …) are compared pair by pair,
 * so a machine that slows down during the run moves both sides of each pair alike. Three decimals.
 */
export const ratio = (measured: readonly number[], baseline: readonly number[]): number =>
  Number(median(measured.map((m, i) => m / (baseline[i] ?? Number.NaN))).toFixed(3));
