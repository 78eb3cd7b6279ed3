/** The inertness checkers fire on what they exist to catch, and stay silent on spinlab's own output. */
import { describe, expect, it } from 'vitest';
import { csvProblems, githubProblems, htmlProblems, jsonProblems, junitProblems, terminalProblems } from './inert.js';

describe('the inertness checkers', () => {
  it('terminal: each raw control, invisible character and workflow command is a problem; spinlab’s colors only when allowed', () => {
    for (const bad of ['\u001bc', 'a\rb', '\u0007', '\u009b2J', '\u202e', '\u200b', '\u2028', '\ud800', '::error::x', '  ::add-mask::x', 'x ##[error]y']) {
      expect(terminalProblems(bad), JSON.stringify(bad)).not.toEqual([]);
    }
    expect(terminalProblems('\u001b[1mScore\u001b[22m 3/5', 't', true)).toEqual([]);
    expect(terminalProblems('\u001b[1mScore\u001b[22m 3/5')).not.toEqual([]);
    expect(terminalProblems('ok\twith tab\n  | ::quoted\nscore ✓')).toEqual([]);
  });

  it('json: unparsable or raw C1/bidi is a problem; displayed and logged strings are checked when asked', () => {
    expect(jsonProblems('{')).not.toEqual([]);
    expect(jsonProblems('{"a":"\u009b"}')).not.toEqual([]);
    expect(jsonProblems('{"a":"\\u001bc"}')).toEqual([]);
    expect(jsonProblems('{"a":"\\u001bc"}', 'j', { displayed: true })).not.toEqual([]);
    expect(jsonProblems('{"a":"x\\n::error::y"}', 'j', { displayed: true })).toEqual([]);
    expect(jsonProblems('{"a":"x\\n::error::y"}', 'j', { logged: true })).not.toEqual([]);
  });

  it('junit: invalid XML, raw controls and character references to them are problems', async () => {
    const valid = '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="s" tests="0" failures="0" errors="0" time="0.000">\n</testsuites>\n';
    expect(await junitProblems(valid)).toEqual([]);
    expect(await junitProblems(valid.replace('name="s"', 'name="&#x202e;"'))).not.toEqual([]);
    expect(await junitProblems(valid.replace('name="s"', 'name="<"'))).not.toEqual([]);
    expect(await junitProblems(valid.replace('name="s"', 'name="\u0085"'))).not.toEqual([]);
  });

  it('github: a command outside the stop-commands block that is not spinlab’s, ##[, or an unclosed block is a problem', () => {
    const token = 'a'.repeat(32);
    const ok = `::error file=x,line=1::m\n::notice title=t::n\nYour driver printed:\n::stop-commands::${token}\n::error::inside\n##[error]inside\n::${token}::\n`;
    expect(githubProblems(ok)).toEqual([]);
    expect(githubProblems(`${ok}::add-mask::x\n`)).not.toEqual([]);
    expect(githubProblems(`${ok}x ##[error]y\n`)).not.toEqual([]);
    expect(githubProblems(`::stop-commands::${token}\n::error::x\n`)).not.toEqual([]);
  });

  it('csv: a formula in a cell is a problem; numbers, guarded and quoted cells are not', () => {
    expect(csvProblems('submission,score\n=1+1,3\n')).not.toEqual([]);
    expect(csvProblems('submission,score\n"\t=1",3\n')).not.toEqual([]);
    expect(csvProblems('submission,score\n"\'=1+1",-3\n"a,b",2.5\n')).toEqual([]);
  });

  it('html: a foreign element, an event handler or a javascript: URL is a problem; escaped text is not', () => {
    expect(htmlProblems('<div><script>x</script></div>')).not.toEqual([]);
    expect(htmlProblems('<div onclick="x">a</div>')).not.toEqual([]);
    expect(htmlProblems('<a href="javascript:x">a</a>')).not.toEqual([]);
    expect(htmlProblems('<!doctype html><div><p>&lt;script&gt; on x=1</p></div>')).toEqual([]);
  });
});
