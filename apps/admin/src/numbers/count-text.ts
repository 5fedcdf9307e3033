/**
 * A count claim's number in words: `223`, `about 60`, `150–250`.
 *
 * @example
 * countText({ min: 60, max: 60, approximate: true }) // 'about 60'
 */
export function countText(c: { min: number; max: number; approximate: boolean }): string {
  const n = c.min === c.max ? `${c.min}` : `${c.min}–${c.max}`;
  return c.approximate ? `about ${n}` : n;
}
