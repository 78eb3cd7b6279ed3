import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { bytePath as bytes, nestFolders } from '../../test/helpers/odd-trees.js';
import { stageSubmission, STAGE_LIMITS, type StageOutcome } from './stage.js';

// Root reads any folder whatever its mode: a folder whose name says UNREADABLE fails as an unreadable one does.
vi.mock('node:fs', async (original) => {
  const fs = await original<typeof import('node:fs')>();
  const readdirSync = ((path: Parameters<typeof fs.readdirSync>[0], options?: unknown) => {
    if (String(path).endsWith('UNREADABLE')) throw Object.assign(new Error(`EACCES: permission denied, scandir '${String(path)}'`), { code: 'EACCES' });
    return fs.readdirSync(path, options as never);
  }) as typeof fs.readdirSync;
  return { ...fs, readdirSync, default: { ...fs, readdirSync } };
});

const work = mkdtempSync(join(tmpdir(), 'spinlab-stage-'));
// rm -rf: Node's recursive rmSync runs out of stack on the 2,100-deep tree.
afterAll(() => execFileSync('rm', ['-rf', work]));
let made = 0;

/** A fresh submission folder holding driver.ts, with `extra` run on it. */
function submission(extra: (dir: string) => void = () => undefined): string {
  const dir = join(work, `s${made++}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'driver.ts'), 'export const x = 1;\n');
  extra(dir);
  return dir;
}

function stage(dir: string): StageOutcome {
  return stageSubmission(join(dir, 'driver.ts'), dir);
}

function staged(outcome: StageOutcome): readonly string[] {
  if (!outcome.ok) throw new Error(`refused: ${outcome.diagnostics.map((d) => d.message).join('; ')}`);
  outcome.staged.remove();
  return outcome.staged.files;
}

function refused(outcome: StageOutcome): string {
  expect(outcome.ok).toBe(false);
  return outcome.ok ? '' : outcome.diagnostics.map((d) => `${d.file}: ${d.message}`).join('\n');
}

describe('staging a submission folder', () => {
  it('copies the sources, sorted, and leaves out node_modules, dot-folders and other files', () => {
    const dir = submission((d) => {
      mkdirSync(join(d, 'lib'));
      writeFileSync(join(d, 'lib', 'queue.ts'), 'export {};\n');
      mkdirSync(join(d, 'node_modules'));
      writeFileSync(join(d, 'node_modules', 'x.ts'), '');
      mkdirSync(join(d, '.git'));
      writeFileSync(join(d, '.git', 'y.ts'), '');
      writeFileSync(join(d, 'notes.txt'), '');
    });
    const outcome = stage(dir);
    expect(outcome.ok && readFileSync(outcome.staged.entry, 'utf8')).toBe('export const x = 1;\n');
    expect(staged(outcome)).toEqual(['driver.ts', 'lib/queue.ts']);
  });

  it('refuses a source whose name is not valid UTF-8, quoting its bytes, and ignores other such files', () => {
    const dir = submission((d) => {
      writeFileSync(bytes(d, Buffer.from([0x62, 0x61, 0x64, 0xff, 0x2e, 0x74, 0x73])), '');
    });
    expect(refused(stage(dir))).toContain('bad\\xFF.ts');
    const quiet = submission((d) => writeFileSync(bytes(d, Buffer.from([0x72, 0xe9, 0x73, 0x75, 0x6d, 0xe9, 0x2e, 0x70, 0x64, 0x66])), ''));
    expect(staged(stage(quiet))).toEqual(['driver.ts']);
  });

  it('walks into a folder whose name is not UTF-8, refusing a source in it but not the folder itself', () => {
    const latin1 = Buffer.from([0x55, 0x65, 0x62, 0x75, 0x6e, 0x67, 0xe9]);
    const withSource = submission((d) => {
      mkdirSync(bytes(d, latin1));
      writeFileSync(bytes(d, latin1, 'helper.ts'), '');
    });
    expect(refused(stage(withSource))).toContain('Uebung\\xE9/helper.ts');
    const without = submission((d) => {
      mkdirSync(bytes(d, latin1));
      writeFileSync(bytes(d, latin1, 'photo.png'), '');
    });
    expect(staged(stage(without))).toEqual(['driver.ts']);
  });

  it('refuses a source whose name holds a control character, and quotes it escaped', () => {
    const dir = submission((d) => writeFileSync(join(d, 'evil\u001b[2J.ts'), ''));
    const message = refused(stage(dir));
    expect(message).toContain('evil\\x1B[2J.ts');
    expect(message).not.toContain('\u001b');
  });

  it('refuses 2,100 nested folders without a stack or a path error, and stages 32 levels', () => {
    const deep = submission((d) => nestFolders(d, 2100));
    expect(refused(stage(deep))).toContain(`folders are nested more than ${STAGE_LIMITS.depth} deep`);
    const ok = submission((d) => {
      const inner = join(d, ...Array.from({ length: STAGE_LIMITS.depth }, () => 'd'));
      mkdirSync(inner, { recursive: true });
      writeFileSync(join(inner, 'deep.ts'), '');
    });
    expect(staged(stage(ok))).toHaveLength(2);
  });

  it('refuses a source path longer than its limit', () => {
    const dir = submission((d) => {
      const inner = join(d, ...Array.from({ length: 30 }, () => 'x'.repeat(40)));
      mkdirSync(inner, { recursive: true });
      writeFileSync(join(inner, 'far.ts'), '');
    });
    expect(refused(stage(dir))).toContain(`longer than ${STAGE_LIMITS.pathBytes} bytes`);
  });

  it('refuses more entries than its limit', () => {
    const dir = submission((d) => {
      mkdirSync(join(d, 'many'));
      for (let i = 0; i <= STAGE_LIMITS.entries; i++) writeFileSync(join(d, 'many', `f${i}`), '');
    });
    expect(refused(stage(dir))).toContain(`more than ${STAGE_LIMITS.entries} files and folders`);
  });

  it('refuses a FIFO or a socket named like a source (a read could hang) and ignores them otherwise', async () => {
    const fifo = submission((d) => execFileSync('mkfifo', [join(d, 'pipe.ts')]));
    expect(refused(stage(fifo))).toContain('pipe.ts is a FIFO (named pipe), not a file');
    const server = createServer();
    const socketDir = submission();
    await new Promise<void>((resolve) => server.listen(join(socketDir, 'sock.ts'), resolve));
    try {
      expect(refused(stage(socketDir))).toContain('sock.ts is a socket, not a file');
    } finally {
      server.close();
    }
    const quiet = submission((d) => execFileSync('mkfifo', [join(d, 'pipe.log')]));
    expect(staged(stage(quiet))).toEqual(['driver.ts']);
  });

  it('refuses a folder it cannot read, naming it and not its absolute path', () => {
    const dir = submission((d) => {
      mkdirSync(join(d, 'UNREADABLE'));
      chmodSync(join(d, 'UNREADABLE'), 0);
    });
    const message = refused(stage(dir));
    expect(message).toBe('UNREADABLE: the folder UNREADABLE cannot be read: permission denied');
  });

  it('refuses a symbolic link loop and a link out of the folder; follows a link inside; ignores a broken one', () => {
    const loop = submission((d) => {
      symlinkSync('b.ts', join(d, 'a.ts'));
      symlinkSync('a.ts', join(d, 'b.ts'));
    });
    expect(refused(stage(loop))).toContain('a.ts is a symbolic link that cannot be followed: a loop of symbolic links');
    const outside = submission((d) => symlinkSync(join(work, 'secret.ts'), join(d, 'secret.ts')));
    writeFileSync(join(work, 'secret.ts'), '');
    expect(refused(stage(outside))).toContain('symbolic link to a file outside the submission folder');
    const inside = submission((d) => {
      writeFileSync(join(d, 'real.txt'), '');
      symlinkSync('driver.ts', join(d, 'alias.ts'));
      symlinkSync('missing.ts', join(d, 'broken.ts'));
    });
    expect(staged(stage(inside))).toEqual(['alias.ts', 'driver.ts']);
  });

  it('refuses a submission folder that is itself unreadable', () => {
    expect(refused(stageSubmission(join(work, 'nowhere', 'driver.ts'), join(work, 'nowhere')))).toBe('.: the submission folder cannot be read: it does not exist');
  });
});

describe('staging a single file alone', () => {
  it('copies that file and none of its neighbours', () => {
    const dir = submission((d) => writeFileSync(join(d, 'alice.ts'), 'export const secret = 1;\n'));
    expect(staged(stageSubmission(join(dir, 'driver.ts'), dir, true))).toEqual(['driver.ts']);
  });

  it('refuses a FIFO given as the file, at once', () => {
    const dir = submission((d) => execFileSync('mkfifo', [join(d, 'lone.ts')]));
    expect(refused(stageSubmission(join(dir, 'lone.ts'), dir, true))).toBe('lone.ts: lone.ts is a FIFO (named pipe), not a file');
  });

  it('refuses a file larger than its limit', () => {
    const dir = submission((d) => writeFileSync(join(d, 'driver.ts'), 'x'.repeat(STAGE_LIMITS.fileBytes + 1)));
    expect(refused(stageSubmission(join(dir, 'driver.ts'), dir, true))).toContain(`larger than ${STAGE_LIMITS.fileBytes / 1024} KB`);
  });
});
