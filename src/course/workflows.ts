/**
 * The GitHub Actions workflows of a course's two repositories, as text: the
 * student template's Classroom autograding (docs/staff.md, "GitHub
 * Classroom") and the private repository's sharded class grading ("Sharding
 * a class over many machines"). Exercise ids are kebab-case, so they are safe
 * as YAML scalars, step ids and shell words as they are.
 */

/** The Node version the workflows install (spinlab's own minimum). */
const NODE = 20;

const setup = ['      - uses: actions/checkout@v4', '      - uses: actions/setup-node@v4', '        with:', `          node-version: ${NODE}`, '      - run: npm ci'];

/**
 * `.github/workflows/classroom.yml`: Classroom's triggers and guard; each
 * exercise is graded once (`--format json` into the runner's temp folder),
 * then that result is shown as annotations (`report --format github`) and
 * handed to Classroom's reporter (`--format classroom --base64`), one runner
 * per exercise, named by its id (the reporter reads `<ID>_RESULTS`).
 */
export function classroomWorkflow(exercises: readonly string[]): string {
  const steps = exercises.flatMap((id) => {
    const result = `"$RUNNER_TEMP/${id}.json"`;
    return [
      `      - name: Grade ${id}`,
      // Below full marks is exit 1, and the result is written in every case: the steps below report it.
      `        run: npx spinlab grade ${id} . --format json --out ${result}`,
      '        continue-on-error: true',
      `      - name: Annotate ${id}`,
      `        run: npx spinlab report ${result} --format github`,
      '        continue-on-error: true',
      `      - name: Score ${id}`,
      `        id: ${stepId(id)}`,
      `        run: echo "result=$(npx spinlab report ${result} --format classroom --base64)" >> "$GITHUB_OUTPUT"`,
      '        continue-on-error: true',
    ];
  });
  return [
    'name: Autograding Tests',
    'on:',
    '  push:',
    '  repository_dispatch:',
    '  workflow_dispatch:',
    'permissions:',
    '  checks: write',
    '  actions: read',
    '  contents: read',
    'jobs:',
    '  run-autograding-tests:',
    '    runs-on: ubuntu-latest',
    "    if: github.actor != 'github-classroom[bot]'",
    '    steps:',
    ...setup,
    ...steps,
    '      - uses: classroom-resources/autograding-grading-reporter@v1',
    '        env:',
    ...exercises.map((id) => `          ${id.toUpperCase()}_RESULTS: \${{ steps.${stepId(id)}.outputs.result }}`),
    '        with:',
    `          runners: ${exercises.join(',')}`,
    '',
  ].join('\n');
}

/**
 * `.github/workflows/grade-class.yml`: run by hand for one exercise (a
 * choice among `exercises`), it grades `submissions/<exercise>/` in `shards`
 * matrix jobs and merges their grades.csv (`merge` refuses a missing shard).
 * The input reaches the shell through an environment variable, never pasted
 * into the script.
 */
export function gradeClassWorkflow(exercises: readonly string[], shards = 4): string {
  const all = Array.from({ length: shards }, (_, i) => `shard-${i + 1}`);
  return [
    'name: Grade the class',
    'on:',
    '  workflow_dispatch:',
    '    inputs:',
    '      exercise:',
    '        description: The exercise to grade; its submissions are in submissions/<exercise>/, one folder per student',
    '        required: true',
    '        type: choice',
    '        options:',
    ...exercises.map((id) => `          - ${id}`),
    'env:',
    '  EXERCISE: ${{ inputs.exercise }}',
    'jobs:',
    '  grade:',
    '    strategy:',
    '      fail-fast: false',
    '      matrix:',
    `        shard: [${all.map((_, i) => i + 1).join(', ')}]`,
    '    runs-on: ubuntu-latest',
    '    steps:',
    ...setup,
    `      - run: npx spinlab batch "$EXERCISE" "submissions/$EXERCISE" --shard \${{ matrix.shard }}/${shards} --out shard-\${{ matrix.shard }}`,
    '      - uses: actions/upload-artifact@v4',
    '        with:',
    '          name: shard-${{ matrix.shard }}',
    '          path: shard-${{ matrix.shard }}',
    '          include-hidden-files: true',
    '  merge:',
    '    needs: grade',
    '    runs-on: ubuntu-latest',
    '    steps:',
    ...setup,
    '      - uses: actions/download-artifact@v4',
    '        with:',
    '          pattern: shard-*',
    `      - run: npx spinlab merge ${all.join(' ')} --out grades.csv`,
    '      - uses: actions/upload-artifact@v4',
    '        with:',
    '          name: grades-${{ inputs.exercise }}',
    '          path: grades.csv',
    '',
  ].join('\n');
}

/** A step id for exercise `id` (a step id must start with a letter). */
function stepId(id: string): string {
  return `score-${id}`;
}
