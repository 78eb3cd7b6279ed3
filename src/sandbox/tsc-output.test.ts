import { describe, expect, it } from 'vitest';
import { SourceLines } from './source-lines.js';
import { fileLessErrors, listedFiles, parseTscOutput } from './tsc-output.js';

const LS = '\u2028';
const driver = new SourceLines(`// ${LS.repeat(8)}\nconst wrong: number = 'x';\n`);
const odd = new SourceLines('export const x: number = "";\n');
const context = {
  files: new Map([
    ['driver.ts', driver],
    ['a(1,1): error TS1: b.ts', odd],
  ]),
  rewrites: [
    ['/tmp/spinlab-x/submission/', ''],
    ['/opt/spinlab/dist/kernel/', 'spinlab/kernel/'],
  ] as Array<[string, string]>,
};

describe("tsc's output", () => {
  it('reads error lines in the submission at the editor\'s line, with their elaborations, host paths rewritten', () => {
    const output = [
      "driver.ts(10,7): error TS2322: Type 'string' is not assignable to type 'number'.",
      "  Type 'import(\"/opt/spinlab/dist/kernel/objects/spin-lock\").KSPIN_LOCK' is not comparable.",
      "../../opt/spinlab/dist/kernel/index.d.ts(1,1): error TS1000: not the student's",
      "a(1,1): error TS1: b.ts(1,14): error TS2322: Type 'string' is not assignable to type 'number'.",
      "error TS2318: Cannot find global type 'Array'.",
      '/tmp/spinlab-x/submission/driver.ts',
    ].join('\n');
    const found = parseTscOutput(output, context);
    expect(found).toEqual([
      {
        kind: 'typecheck',
        file: 'driver.ts',
        line: 2,
        column: 7,
        code: 'TS2322',
        message: "Type 'string' is not assignable to type 'number'.\n  Type 'import(\"spinlab/kernel/objects/spin-lock\").KSPIN_LOCK' is not comparable.",
        source: "const wrong: number = 'x';",
      },
      { kind: 'typecheck', file: 'a(1,1): error TS1: b.ts', line: 1, column: 14, code: 'TS2322', message: "Type 'string' is not assignable to type 'number'.", source: 'export const x: number = "";' },
    ]);
  });

  it('lists the absolute paths --listFiles printed, and nothing else', () => {
    expect(listedFiles("driver.ts(1,1): error TS1: x\n/a/b.ts\r\nC:/c/d.ts\n  /indented\n")).toEqual(['/a/b.ts', 'C:/c/d.ts']);
  });

  it('reads a long output of long lines in one pass', () => {
    const line = `driver.ts(${'1'.repeat(100_000)}(((: error`;
    expect(parseTscOutput(Array.from({ length: 10 }, () => line).join('\n'), context)).toEqual([]);
  });
});

describe("tsc's errors that name no file", () => {
  it('are the lines that start with error TS', () => {
    expect(fileLessErrors("driver.ts(1,1): error TS1: x\nerror TS2318: Cannot find global type 'Array'.\n  error TS9: indented\n")).toEqual(["error TS2318: Cannot find global type 'Array'."]);
  });
});
