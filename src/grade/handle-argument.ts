/**
 * The student's name for a KLOCK_QUEUE_HANDLE, read off the source line of a
 * queued spin lock call: `KeAcquireInStackQueuedSpinLock[AtDpcLevel](lock,
 * handle)` or `KeReleaseInStackQueuedSpinLock[FromDpcLevel](handle)`. A
 * hand-written scan, left to right: each call on the line is tried once, and
 * each try stops at the first character that cannot continue it, so a line
 * of any length costs one pass (the regular expression it replaces
 * backtracked quadratically on a long argument).
 */

/** A queued-lock call: its name, the optional suffix, and whether the handle is its second argument (acquire) or its only one (release). */
interface QueuedCall {
  readonly name: string;
  readonly suffix: string;
  readonly second: boolean;
}

const ACQUIRE: QueuedCall = { name: 'KeAcquireInStackQueuedSpinLock', suffix: 'AtDpcLevel', second: true };
const RELEASE: QueuedCall = { name: 'KeReleaseInStackQueuedSpinLock', suffix: 'FromDpcLevel', second: false };

/** The handle argument of the first well-formed acquire on `line`, else of the first release; undefined when neither is there. */
export function handleArgument(line: string | null): string | undefined {
  if (line === null) return undefined;
  return firstHandle(line, ACQUIRE) ?? firstHandle(line, RELEASE);
}

/** The handle of the first call to `call` on `line` that has the expected shape. */
function firstHandle(line: string, call: QueuedCall): string | undefined {
  for (let at = line.indexOf(call.name); at >= 0; at = line.indexOf(call.name, at + call.name.length)) {
    const handle = handleAt(line, at + call.name.length, call);
    if (handle !== undefined) return handle;
  }
  return undefined;
}

/** Reads `[suffix] ( [lock ,] handle )` from `i`, blanks allowed between the parts; the handle, or undefined. */
function handleAt(line: string, from: number, call: QueuedCall): string | undefined {
  let i = line.startsWith(call.suffix, from) ? from + call.suffix.length : from;
  i = skipBlanks(line, i);
  if (line[i] !== '(') return undefined;
  i++;
  if (call.second) {
    // The lock: one or more characters up to the comma, none of them a parenthesis.
    const start = i;
    while (i < line.length && line[i] !== ',' && line[i] !== '(' && line[i] !== ')') i++;
    if (i === start || line[i] !== ',') return undefined;
    i++;
  }
  i = skipBlanks(line, i);
  const start = i;
  while (i < line.length && /[\w$.[\]]/.test(line[i]!)) i++;
  const handle = line.slice(start, i);
  return handle !== '' && line[skipBlanks(line, i)] === ')' ? handle : undefined;
}

function skipBlanks(line: string, i: number): number {
  while (i < line.length && /\s/.test(line[i]!)) i++;
  return i;
}
