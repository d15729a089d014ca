/** The instants bounding a review period 'YYYY-MM' (already validated): [start of the month, start of the next), UTC. */
export function monthRange(period: string): { start: string; end: string } {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return { start: new Date(Date.UTC(y, m - 1, 1)).toISOString(), end: new Date(Date.UTC(y, m, 1)).toISOString() };
}
