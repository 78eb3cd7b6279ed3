/**
 * The channel from the sandbox child to the grader: one line per message,
 * `seq seal body`, where `body` is the message as JSON and `seal` is
 * HMAC-SHA-256 over `seq` and `body` under a key the grader made for this
 * job alone. The child's trusted code holds the key in a closure; the grader
 * believes only lines whose seal checks and whose numbers run 1, 2, 3… So
 * code that ever escaped the vm realm could stop the child or garble its
 * messages — which grades as a crash — but could not say anything new.
 */
import { fromHex, hmacSha256 } from './hmac-sha256.js';

/** Limits on what the grader reads from one child. */
export interface ChannelLimits {
  /** The longest line (default 16 MB). */
  readonly frameBytes: number;
  /** Everything over the job's life (default 64 MB). */
  readonly totalBytes: number;
}

export const DEFAULT_CHANNEL_LIMITS: ChannelLimits = { frameBytes: 16 * 1024 * 1024, totalBytes: 64 * 1024 * 1024 };

/** The child's side: seals each message and hands the line to `write`. */
export function createSealer(keyHex: string, write: (line: string) => void): (message: unknown) => void {
  const seal = hmacSha256(fromHex(keyHex));
  let seq = 0;
  return (message) => {
    seq++;
    const body = JSON.stringify(message);
    write(`${seq} ${seal(`${seq}\n${body}`)} ${body}\n`);
  };
}

/** Why the grader stopped believing a child. */
export class ChannelBreach extends Error {
  override readonly name = 'ChannelBreach';
}

/** The grader's side: feeds raw chunks in, gets verified messages (parsed JSON) out; throws {@link ChannelBreach}. */
export class ChannelReader {
  private readonly seal: (message: string) => string;
  private buffer = '';
  private total = 0;
  private seq = 0;

  constructor(
    keyHex: string,
    private readonly limits: ChannelLimits = DEFAULT_CHANNEL_LIMITS,
  ) {
    this.seal = hmacSha256(fromHex(keyHex));
  }

  /** The messages completed by `chunk`, in order. */
  feed(chunk: string): unknown[] {
    this.total += chunk.length;
    if (this.total > this.limits.totalBytes) throw new ChannelBreach(`the sandbox sent more than ${this.limits.totalBytes} bytes of messages`);
    // Only the new chunk can hold a line's end: a long message arriving in many chunks is scanned once.
    let from = this.buffer.length;
    this.buffer += chunk;
    const messages: unknown[] = [];
    let start = 0;
    for (let end = this.buffer.indexOf('\n', from); end >= 0; end = this.buffer.indexOf('\n', from)) {
      messages.push(this.verify(this.buffer.slice(start, end)));
      start = end + 1;
      from = start;
    }
    if (start > 0) this.buffer = this.buffer.slice(start);
    if (this.buffer.length > this.limits.frameBytes) throw new ChannelBreach(`the sandbox sent a message longer than ${this.limits.frameBytes} bytes`);
    return messages;
  }

  /** Whether a partial line is left over (the child stopped mid-message). */
  get pending(): boolean {
    return this.buffer.length > 0;
  }

  private verify(line: string): unknown {
    if (line.length > this.limits.frameBytes) throw new ChannelBreach(`the sandbox sent a message longer than ${this.limits.frameBytes} bytes`);
    const first = line.indexOf(' ');
    const second = line.indexOf(' ', first + 1);
    if (first < 0 || second < 0) throw new ChannelBreach('the sandbox sent a message that is not sealed');
    const seq = line.slice(0, first);
    const seal = line.slice(first + 1, second);
    const body = line.slice(second + 1);
    if (seq !== String(this.seq + 1)) throw new ChannelBreach(`the sandbox sent message ${seq.slice(0, 20)} where ${this.seq + 1} was due`);
    if (seal !== this.seal(`${seq}\n${body}`)) throw new ChannelBreach('the sandbox sent a message whose seal does not match (not written by spinlab)');
    this.seq++;
    try {
      return JSON.parse(body) as unknown;
    } catch {
      throw new ChannelBreach('the sandbox sent a sealed message that is not JSON');
    }
  }
}
