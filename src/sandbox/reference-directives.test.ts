import { describe, expect, it } from 'vitest';
import { referenceDirectives } from './reference-directives.js';

const found = (text: string) => referenceDirectives(text).map((d) => d.text);

describe('/// <reference> directives', () => {
  it('finds path and types references in the comments that open a file, in any case, after a BOM or #! line', () => {
    expect(found('/// <reference path="z/../../outside/secret.ts" />\nexport {};')).toEqual(['/// <reference path="z/../../outside/secret.ts" />']);
    expect(found('\ufeff#!/usr/bin/env node\n/* c */ // d\n\n  /// <REFERENCE   Types = "node" />\nexport {};')).toEqual(['/// <REFERENCE   Types = "node" />']);
    expect(referenceDirectives('\u200b/// <reference types="x" />')[0]!.offset).toBe(1);
  });

  it('stays silent on lib references, on directives after the first token, and on look-alikes', () => {
    expect(found('/// <reference lib="es2023" />\n/// <reference no-default-lib="true" />\nexport {};')).toEqual([]);
    expect(found('export {};\n/// <reference path="x.ts" />')).toEqual([]);
    expect(found('//// <reference path="x.ts" />\n/* /// <reference path="y.ts" /> */\n// <reference path="z.ts" />')).toEqual([]);
  });

  it('reads a megabyte of opening comments and whitespace in one pass', () => {
    expect(found(`${' '.repeat(1_000_000)}/// <reference types="x" />`)).toHaveLength(1);
    expect(found('/**/'.repeat(250_000))).toEqual([]);
    expect(found(`///${' '.repeat(1_000_000)}<reference path="x" />`)).toHaveLength(1);
  });
});
