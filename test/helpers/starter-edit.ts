/**
 * Building attacks from the honest e2e-count starter, for surface cases:
 * code pasted at module level, at the top of DispatchWrite, or in place of
 * its `ext.Count = ext.Count + 1;`, in a submission folder of the class.
 * Each edit fails loudly if the starter no longer has the place it edits.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A change to the starter's text. */
export type StarterEdit = (driver: string) => string;

function insertAt(driver: string, anchor: string, text: string, where: 'before' | 'after' | 'instead'): string {
  const at = driver.indexOf(anchor);
  if (at < 0) throw new Error(`the honest starter has no \`${anchor}\` to attack`);
  const end = at + anchor.length;
  return where === 'before' ? `${driver.slice(0, at)}${text}${driver.slice(at)}` : where === 'after' ? `${driver.slice(0, end)}${text}${driver.slice(end)}` : `${driver.slice(0, at)}${text}${driver.slice(end)}`;
}

/** `code` at module level, before DriverEntry. */
export const atLoad =
  (code: string): StarterEdit =>
  (driver) =>
    insertAt(driver, 'export async function DriverEntry', `${code}\n\n`, 'before');

/** `code` at the top of DispatchWrite (its parameters are `device` and `irp`). */
export const atDispatch =
  (code: string): StarterEdit =>
  (driver) =>
    insertAt(driver, 'export async function DispatchWrite(device: DEVICE_OBJECT, irp: IRP): Promise<NTSTATUS> {', `\n  ${code}`, 'after');

/** `code` in place of DispatchWrite's unlocked increment (`ext` is the device extension). */
export const atIncrement =
  (code: string): StarterEdit =>
  (driver) =>
    insertAt(driver, 'ext.Count = ext.Count + 1;', code, 'instead');

/** Writes `files` (name → text; `driver.ts` is the starter with `edits` applied) into the folder `name` of the class; returns the folder. */
export function submission(classDir: string, name: string, starter: string, edits: readonly StarterEdit[], files: Readonly<Record<string, string>> = {}): string {
  const dir = join(classDir, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'driver.ts'), edits.reduce((text, edit) => edit(text), starter));
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}
