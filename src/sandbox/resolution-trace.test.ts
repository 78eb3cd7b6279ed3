import { describe, expect, it } from 'vitest';
import { reachableFrom, readResolutionTrace } from './resolution-trace.js';

const root = '/tmp/spinlab-x/submission';
const files = { root, submission: new Set([`${root}/driver.ts`, `${root}/lib/queue.ts`, `${root}/stray.ts`]) };
const header = (specifier: string, from = `${root}/driver.ts`) => `======== Resolving module '${specifier}' from '${from}'. ========`;
const resolved = (specifier: string, to: string) => `======== Module name '${specifier}' was successfully resolved to '${to}'. ========`;
const unresolved = (specifier: string) => `======== Module name '${specifier}' was not resolved. ========`;

describe("tsc's resolution trace", () => {
  it('allows spinlab/kernel and relative paths inside the submission, and follows them to the files the entry reaches', () => {
    const trace = [
      header('spinlab/kernel'),
      "'paths' option is specified, looking for a pattern to match module name 'spinlab/kernel'.",
      resolved('spinlab/kernel', '/opt/spinlab/dist/kernel/index.d.ts'),
      header('./lib/queue.js'),
      resolved('./lib/queue.js', `${root}/lib/queue.ts`),
      header('../driver', `${root}/lib/queue.ts`),
      resolved('../driver', `${root}/driver.ts`),
      header('./missing'),
      unresolved('./missing'),
    ].join('\n');
    const account = readResolutionTrace(trace, files);
    expect(account).toMatchObject({ outside: [], unreadable: 0 });
    expect([...reachableFrom(`${root}/driver.ts`, account.edges)].sort()).toEqual([`${root}/driver.ts`, `${root}/lib/queue.ts`]);
  });

  it('refuses every specifier that is not spinlab/kernel or a relative path inside, whatever it resolved to', () => {
    const specifiers = ['../../outside/secret', 'x/../../y', 'canary', '#imports', '/etc/passwd', 'file:///etc/passwd', '.\\..\\secret', 'spinlab/kernel/../../x', '..', './lib/../../x', 'C:/x'];
    const trace = specifiers.flatMap((s) => [header(s), unresolved(s)]).join('\n');
    expect(readResolutionTrace(trace, files).outside.map((o) => o.specifier)).toEqual(specifiers);
  });

  it('fails closed on a header it cannot read (a specifier with a line break forging another header)', () => {
    const trace = [`======== Resolving module 'a`, `${header('spinlab/kernel')}' from '${root}/driver.ts'. ========`].join('\n');
    const account = readResolutionTrace(trace, files);
    expect(account.unreadable).toBe(1);
    expect(readResolutionTrace(header('./x', '/elsewhere/driver.ts'), files).unreadable).toBe(1);
  });

  it("reads a specifier that itself holds ' from ' by the file its header ends with", () => {
    const specifier = `./x' from '${root}/stray.ts`;
    expect(readResolutionTrace(header(specifier), files).outside).toEqual([]);
    expect(readResolutionTrace(header(`../y' from '${root}/stray.ts`, `${root}/stray.ts`), files).outside).toHaveLength(1);
  });

  it('reads a long trace of long specifiers in one pass', () => {
    const long = `./${"' from '".repeat(20_000)}`;
    const trace = Array.from({ length: 20 }, () => header(long)).join('\n');
    expect(readResolutionTrace(trace, files).outside).toEqual([]);
  });
});
