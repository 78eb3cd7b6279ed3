/**
 * The channel from the sandbox child to the grader: one line per message,
 * `seq seal body`, where `body` is the message as JSON and `seal` is
 * HMAC-SHA-256 over `seq` and `body` under a key the grader made for this
 * job alone. The child's trusted code holds the key in a closure; the grader
 * believes only lines whose seal checks and whose numbers run 1, 2, 3… So
 * code that ever escaped the vm realm could stop the child or garble its
 * messages — which grades as a crash — but could not say anything new.
 * The grader's reader is in `channel-reader.ts`, which the child never loads.
 */
import { fromHex, hmacSha256 } from './hmac-sha256.js';

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
