/** An ILIKE pattern for "contains `q`": % and _ are LIKE wildcards, and a user searching "50%" means the text. */
export function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
