import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { extractZip, readZip } from './zip-read.js';
import { writeZip } from './zip-write.js';

const work = mkdtempSync(join(tmpdir(), 'spinlab-zip-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const files = [
  { name: 'run_autograder', data: Buffer.from('#!/usr/bin/env bash\necho hi\n'.repeat(50)), mode: 0o755 },
  { name: 'graders/01/rubric.json', data: Buffer.from('{"items": []}\n'.repeat(20)) },
  { name: 'spinlab-0.1.0.tgz', data: Buffer.concat(Array.from({ length: 16 }, (_, i) => createHash('sha256').update(String(i)).digest())) },
  { name: 'exercises/é/driver.ts', data: Buffer.alloc(0) },
];

describe('the zip writer', () => {
  const zip = writeZip(files);

  it('writes a zip Python\'s zipfile reads back byte for byte, with each file\'s Unix mode', () => {
    const path = join(work, 'out.zip');
    writeFileSync(path, zip);
    const listed = execFileSync('python3', ['-c', 'import sys, zipfile, json\nz = zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\nprint(json.dumps([[i.filename, i.external_attr >> 16, i.compress_type, z.read(i).hex()] for i in z.infolist()]))', path], { encoding: 'utf8' });
    const entries = JSON.parse(listed) as Array<[string, number, number, string]>;
    expect(entries.map(([name, mode, , hex]) => [name, mode & 0o777, hex])).toEqual(files.map((f) => [f.name, f.mode ?? 0o644, f.data.toString('hex')]));
    // Deflated where it gains, stored where it does not.
    expect(entries.map(([, , method]) => method)).toEqual([8, 8, 0, 0]);
  });

  it('writes the same bytes for the same files', () => {
    expect(writeZip(files).equals(zip)).toBe(true);
  });

  it('refuses a name that is not relative', () => {
    expect(() => writeZip([{ name: '../x', data: Buffer.alloc(1) }])).toThrow(RangeError);
    expect(() => writeZip([{ name: '/etc/x', data: Buffer.alloc(1) }])).toThrow(RangeError);
  });
});

describe('the zip reader', () => {
  it('reads what the writer wrote', () => {
    const entries = readZip(writeZip(files));
    expect(entries.map((e) => [e.name.toString(), e.read().toString('hex')])).toEqual(files.map((f) => [f.name, f.data.toString('hex')]));
  });

  it('extracts regular files only: a link and names leaving the folder are skipped and listed', () => {
    const path = join(work, 'hostile.zip');
    execFileSync('python3', ['-c', `import sys, zipfile
z = zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED)
z.writestr('export/submission_1/driver.ts', 'export {};\\n')
z.writestr('export/../../escaped.txt', 'no')
z.writestr('/abs.txt', 'no')
link = zipfile.ZipInfo('export/submission_1/link.ts')
link.create_system = 3
link.external_attr = (0o120777 << 16)
z.writestr(link, '/etc/passwd')
z.close()`, path]);
    const dest = join(work, 'out');
    const extracted = extractZip(readFileSync(path), dest);
    expect(extracted.files).toBe(1);
    expect([...extracted.skipped].sort()).toEqual(['/abs.txt', 'export/../../escaped.txt', 'export/submission_1/link.ts']);
    expect(readdirSync(join(dest, 'export/submission_1'))).toEqual(['driver.ts']);
    expect(existsSync(join(work, 'escaped.txt'))).toBe(false);
    expect(lstatSync(join(dest, 'export/submission_1/driver.ts')).isFile()).toBe(true);
  });

  it('says what is wrong with what is not a zip, or a damaged one', () => {
    expect(() => readZip(Buffer.from('not a zip at all, just text that is long enough'))).toThrow(/not a zip file/);
    const damaged = writeZip(files);
    damaged[50] ^= 0xff; // inside the first entry's data (its header and name are 44 bytes)
    expect(() => readZip(damaged)[0]!.read()).toThrow(/damaged|invalid/);
  });
});
