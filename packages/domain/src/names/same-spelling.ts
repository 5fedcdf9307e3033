/**
 * Whether two spellings are the same for a person to bear both: letter for letter, ignoring
 * case and the spaces around them. Two scripts or transliterations are different spellings.
 *
 * @example
 * isSameSpelling('Karen Auditov', ' karen auditov') // true
 * isSameSpelling('Karen Auditov', 'Карен Аудитов') // false
 */
export function isSameSpelling(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
