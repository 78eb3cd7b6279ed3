import { describe, expect, it } from 'vitest';
import { ChannelReader } from './channel-reader.js';
import { ChannelBreach, createSealer } from './sealed-channel.js';

const KEY = 'a1'.repeat(32);

function sealed(messages: unknown[], key = KEY): string[] {
  const lines: string[] = [];
  const send = createSealer(key, (line) => lines.push(line));
  for (const message of messages) send(message);
  return lines;
}

describe('the sealed channel', () => {
  it('passes sealed messages in order, whatever the chunking', () => {
    const lines = sealed([{ type: 'a' }, { type: 'b', text: 'line\nbreak é' }, { type: 'c' }]);
    const text = lines.join('');
    const reader = new ChannelReader(KEY);
    const got: unknown[] = [];
    for (let i = 0; i < text.length; i += 7) got.push(...reader.feed(text.slice(i, i + 7)));
    expect(got).toEqual([{ type: 'a' }, { type: 'b', text: 'line\nbreak é' }, { type: 'c' }]);
    expect(reader.pending).toBe(false);
  });

  it.each([
    ['an unsealed line', () => `${JSON.stringify({ type: 'done' })}\n`],
    ['a line sealed with another key', () => sealed([{ type: 'done' }], 'b2'.repeat(32))[0]!],
    ['a body changed after sealing', () => sealed([{ type: 'done', score: 1 }])[0]!.replace('"score":1', '"score":9')],
    ['a message out of order', () => sealed([{ type: 'a' }, { type: 'b' }])[1]!],
  ])('refuses %s', (_name, line) => {
    expect(() => new ChannelReader(KEY).feed(line())).toThrow(ChannelBreach);
  });

  it('refuses a replayed message', () => {
    const [first] = sealed([{ type: 'a' }]);
    const reader = new ChannelReader(KEY);
    reader.feed(first!);
    expect(() => reader.feed(first!)).toThrow(/where 2 was due/);
  });

  it('stops at its size limits instead of buffering', () => {
    const small = new ChannelReader(KEY, { frameBytes: 100, totalBytes: 1000 });
    expect(() => small.feed('x'.repeat(101))).toThrow(/longer than 100 bytes/);
    const total = new ChannelReader(KEY, { frameBytes: 100, totalBytes: 1000 });
    expect(() => {
      for (let i = 0; i < 20; i++) total.feed(`${'x'.repeat(60)}\n`);
    }).toThrow(ChannelBreach);
  });
});
