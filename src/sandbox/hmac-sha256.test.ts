import { createHash, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fromHex, hmacSha256, sha256, utf8 } from './hmac-sha256.js';

const hex = (bytes: number[]) => Buffer.from(bytes).toString('hex');

describe('hmac-sha256', () => {
  it('matches node:crypto for SHA-256 at every padding boundary', () => {
    for (const length of [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000]) {
      const data = randomBytes(length);
      expect(hex(sha256([...data]))).toBe(createHash('sha256').update(data).digest('hex'));
    }
  });

  it('matches node:crypto for HMAC with short, block-sized and long keys and non-ASCII text', () => {
    for (const keyLength of [16, 32, 64, 100]) {
      const key = randomBytes(keyLength);
      const seal = hmacSha256(fromHex(key.toString('hex')));
      for (const message of ['', 'schedule 1', 'é ü 中文 😀 \ud800 lone', 'x'.repeat(5000)]) {
        expect(seal(message)).toBe(createHmac('sha256', key).update(Buffer.from(utf8(message))).digest('hex'));
      }
    }
    // RFC 4231 test case 2.
    expect(hmacSha256(utf8('Jefe'))('what do ya want for nothing?')).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });

  it('encodes UTF-8 as TextEncoder does', () => {
    for (const text of ['a', 'é', '中', '😀', '\udc00', 'a\ud800b']) expect(utf8(text)).toEqual([...new TextEncoder().encode(text)]);
  });
});
