/**
 * The grader's side of the sealed channel (`sealed-channel.ts`): splits the
 * child's output into lines and believes only those whose seal checks and
 * whose numbers run 1, 2, 3… The grader is trusted, so it verifies with
 * `node:crypto`; the child, whose intrinsics student code can reach, seals
 * with the plain-JavaScript HMAC (`hmac-sha256.ts`) and never loads this.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { ChannelBreach } from './sealed-channel.js';

/** Limits on what the grader reads from one child. */
export interface ChannelLimits {
  /** The longest line (default 16 MB). */
  readonly frameBytes: number;
  /** Everything over the job's life (default 64 MB). */
  readonly totalBytes: number;
}

export const DEFAULT_CHANNEL_LIMITS: ChannelLimits = { frameBytes: 16 * 1024 * 1024, totalBytes: 64 * 1024 * 1024 };

/** Feeds raw chunks in, gets verified messages (parsed JSON) out; throws {@link ChannelBreach}. */
export class ChannelReader {
  private readonly key: Buffer;
  private buffer = '';
  private total = 0;
  private seq = 0;

  constructor(
    keyHex: string,
    private readonly limits: ChannelLimits = DEFAULT_CHANNEL_LIMITS,
  ) {
    this.key = Buffer.from(keyHex, 'hex');
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
    if (!this.sealMatches(seal, `${seq}\n${body}`)) throw new ChannelBreach('the sandbox sent a message whose seal does not match (not written by spinlab)');
    this.seq++;
    try {
      return JSON.parse(body) as unknown;
    } catch {
      throw new ChannelBreach('the sandbox sent a sealed message that is not JSON');
    }
  }

  /** Whether `seal` is exactly the seal's text for `message`: HMAC-SHA-256 as 64 lower-case hex digits, compared in constant time. */
  private sealMatches(seal: string, message: string): boolean {
    const expected = Buffer.from(createHmac('sha256', this.key).update(message, 'utf8').digest('hex'), 'latin1');
    const given = Buffer.from(seal, 'utf8');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
