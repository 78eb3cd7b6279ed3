/**
 * Every fenced YAML block in README.md and docs/*.md is copy-pasted into
 * someone's CI: it must parse strictly (no warnings, no duplicate keys), and a
 * GitHub Actions workflow (a mapping with `on` and `jobs`) must pass actionlint.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMap, parseAllDocuments, type Document } from 'yaml';
import { lintWorkflow } from '../helpers/actionlint.js';
import { ROOT } from '../helpers/cli.js';

/** A fenced YAML block: where its fence is and what it holds. */
interface YamlBlock {
  /** Relative to the repository root, with `/`. */
  readonly file: string;
  /** 1-based line of the opening fence; the block's line n is the file's line `line + n`. */
  readonly line: number;
  readonly text: string;
}

/** A problem, at a line of the markdown file. */
interface BlockProblem {
  readonly at: string;
  readonly message: string;
}

/** The ```yaml / ```yml (or ~~~) blocks of a markdown text, indented ones (in list items, at any depth) included. */
function yamlBlocksOf(file: string, markdown: string): YamlBlock[] {
  const blocks: YamlBlock[] = [];
  const lines = markdown.split(/\r?\n/);
  for (let i = 0; i < lines.length; i += 1) {
    const open = /^( *)(`{3,}|~{3,})\s*([^\s`]*)/.exec(lines[i]!);
    if (open === null) continue;
    const [, indent, fence, info] = open as unknown as [string, string, string, string];
    const close = new RegExp(`^ *${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
    let end = i + 1;
    while (end < lines.length && !close.test(lines[end]!)) end += 1;
    if (/^ya?ml$/i.test(info)) {
      const body = lines.slice(i + 1, end).map((line) => line.slice(Math.min(indent.length, /^ */.exec(line)![0].length)));
      blocks.push({ file, line: i + 1, text: `${body.join('\n')}\n` });
    }
    i = end;
  }
  return blocks;
}

/** The YAML errors and warnings of a block, each at its markdown line. */
function parseProblems(block: YamlBlock, documents: readonly Document.Parsed[]): BlockProblem[] {
  return documents.flatMap((document) =>
    [...document.errors, ...document.warnings].map((problem) => ({
      at: `${block.file}:${block.line + (problem.linePos?.[0].line ?? 1)}`,
      message: `${problem.code}: ${problem.message.split('\n')[0]}`,
    })),
  );
}

/** Whether a parsed block is a GitHub Actions workflow: a mapping with `on` and `jobs`. */
function isWorkflow(documents: readonly Document.Parsed[]): boolean {
  return documents.length === 1 && isMap(documents[0]!.contents) && documents[0]!.has('on') && documents[0]!.has('jobs');
}

/** Every problem of a block: strict YAML first, then actionlint for a workflow. */
async function problemsOf(block: YamlBlock): Promise<{ workflow: boolean; problems: BlockProblem[] }> {
  const parsed: readonly Document.Parsed[] = [...parseAllDocuments(block.text, { strict: true, uniqueKeys: true, prettyErrors: true })];
  const problems = parsed.length === 0 ? [{ at: `${block.file}:${block.line}`, message: 'no YAML document' }] : parseProblems(block, parsed);
  if (problems.length > 0 || !isWorkflow(parsed)) return { workflow: false, problems };
  const lint = await lintWorkflow(block.text);
  return { workflow: true, problems: lint.map((r) => ({ at: `${block.file}:${block.line + r.line}`, message: `actionlint ${r.kind}: ${r.message}` })) };
}

const DOCS = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((name) => name.endsWith('.md')).sort().map((name) => `docs/${name}`)];
const BLOCKS = DOCS.flatMap((file) => yamlBlocksOf(file, readFileSync(join(ROOT, file), 'utf8')));

describe('the checker', () => {
  it('finds fenced YAML blocks, indented and ~~~ ones too, at the line of their fence', () => {
    const markdown = ['# t', '```yaml', 'a: 1', '```', '- item:', '  - nested', '      ~~~yml', '      b: 2', '      ~~~', '```sh', 'c: 3', '```', '````YAML', '```', 'd: 4', '````'].join('\n');
    expect(yamlBlocksOf('x.md', markdown)).toEqual([
      { file: 'x.md', line: 2, text: 'a: 1\n' },
      { file: 'x.md', line: 7, text: 'b: 2\n' },
      { file: 'x.md', line: 13, text: '```\nd: 4\n' },
    ]);
  });

  it('rejects a flow mapping holding a ${{ }} expression, at its markdown line', async () => {
    const text = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/upload-artifact@v4\n        with: { name: shard-${{ matrix.shard }}, path: out }\n';
    const { problems } = await problemsOf({ file: 'x.md', line: 10, text });
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]!.at).toBe('x.md:17');
  });

  it('rejects an empty block', async () => {
    expect((await problemsOf({ file: 'x.md', line: 1, text: '\n' })).problems.map((p) => p.at)).toEqual(['x.md:1']);
  });

  it('rejects duplicate keys', async () => {
    const { problems } = await problemsOf({ file: 'x.md', line: 1, text: 'a: 1\na: 2\n' });
    expect(problems.map((p) => p.message.split(':')[0])).toEqual(['DUPLICATE_KEY']);
  });

  it('runs actionlint on a workflow, at its markdown line', async () => {
    const text = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.no_such_property }}\n';
    const { workflow, problems } = await problemsOf({ file: 'x.md', line: 20, text });
    expect(workflow).toBe(true);
    expect(problems.map((p) => p.at)).toEqual(['x.md:26']);
  });

  it('reports actionlint trapping (on YAML it cannot parse) as a problem, and lints on afterwards', async () => {
    const broken = await lintWorkflow('on: push\njobs:\n  a:\n    steps:\n      - with: { name: a-${{ b }}, path: c }\n');
    expect(broken.map((r) => r.kind)).toEqual(['actionlint-crashed']);
    expect(await lintWorkflow('on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n')).toEqual([]);
  });
});

describe('YAML blocks in README.md and docs/*.md', () => {
  it('include the workflows of docs/staff.md', () => {
    expect(BLOCKS.filter((b) => b.file === 'docs/staff.md' && /^jobs:/m.test(b.text)).length).toBeGreaterThanOrEqual(2);
  });

  it.each(BLOCKS.map((block) => [`${block.file}:${block.line}`, block] as const))('%s parses strictly and, as a workflow, passes actionlint', async (_at, block) => {
    const { problems } = await problemsOf(block);
    expect(problems).toEqual([]);
  });

  it('the GitHub Classroom workflows have Classroom’s triggers and guard, and hand each runner its _RESULTS', async () => {
    const classroom = BLOCKS.filter((block) => block.text.includes('classroom-resources/autograding-grading-reporter'));
    expect(classroom.length).toBeGreaterThan(0);
    for (const block of classroom) {
      const workflow = parseAllDocuments(block.text)[0]!.toJS() as {
        on: unknown;
        jobs: Record<string, { if?: string; steps: Array<{ uses?: string; env?: Record<string, string>; with?: { runners?: string } }> }>;
      };
      const triggers = typeof workflow.on === 'string' ? [workflow.on] : Array.isArray(workflow.on) ? workflow.on : Object.keys(workflow.on as object);
      expect([...triggers].sort(), `${block.file}:${block.line}`).toEqual(['push', 'repository_dispatch', 'workflow_dispatch']);
      for (const job of Object.values(workflow.jobs)) {
        expect(job.if, `${block.file}:${block.line}`).toBe("github.actor != 'github-classroom[bot]'");
        for (const step of job.steps.filter((s) => s.uses?.startsWith('classroom-resources/autograding-grading-reporter@'))) {
          const runners = (step.with?.runners ?? '').split(/[\s,]/).filter(Boolean);
          expect(runners.length).toBeGreaterThan(0);
          for (const runner of runners) expect(Object.keys(step.env ?? {})).toContain(`${runner.toUpperCase()}_RESULTS`);
        }
      }
    }
  });
});
