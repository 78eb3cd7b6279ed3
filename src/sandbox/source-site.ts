/** Maps a site V8 reported in the bundle back to the student's TypeScript. */
import type { RawSite } from '../machine/index.js';
import type { CompiledDriver } from './bundle-format.js';
import type { SourcePosition } from './source-map.js';

/** The student's file, line and column for a bundle site, or undefined if it is not in their code. */
export function toSourceSite(driver: CompiledDriver, site: RawSite | undefined): SourcePosition | undefined {
  if (site === undefined) return undefined;
  const position = driver.map.original(site.line, site.column);
  if (position === null || !driver.files.includes(position.file)) return undefined;
  return position;
}
