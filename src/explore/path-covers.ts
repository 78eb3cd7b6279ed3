/** How a lock or field path filter selects paths (rubric targets, coverage): by prefix, at a field or index boundary. */

/** Whether path filter `filter` covers `path`: `ext.Queue` covers `ext.Queue`, `ext.Queue.Count` and `ext.Queue[3]`, not `ext.QueueLock`. */
export function pathCovers(filter: string, path: string): boolean {
  return path === filter || path.startsWith(`${filter}.`) || path.startsWith(`${filter}[`);
}
