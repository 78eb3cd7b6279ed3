import { describe, expect, it } from 'vitest';
import { referenceDirectives } from './reference-directives.js';

const found = (text: string) => referenceDirectives(text).map((d) => d.text);

describe('/// <reference> directives', () => {
  it('finds path and types references wherever they are, in any case', () => {
    expect(found('/// <reference path="z/../../outside/secret.ts" />\nexport {};')).toEqual(['/// <reference path="z/../../outside/secret.ts" />']);
    expect(found('#!/usr/bin/env node\n/* c */ // d\n\n  ///   <REFERENCE   Types = "node" />\nexport {};')).toEqual(['///   <REFERENCE   Types = "node" />']);
    expect(found('export {};\n/// <reference path="x.ts" />')).toEqual(['/// <reference path="x.ts" />']);
    expect(referenceDirectives('const a = 1; /// <reference types="x" />')[0]!.offset).toBe(13);
  });

  it('stays silent on lib references and look-alikes', () => {
    expect(found('/// <reference lib="es2023" />\n/// <reference no-default-lib="true" />\nexport {};')).toEqual([]);
    expect(found('// <reference path="z.ts" />\n/// <referencepath="x" />\n/// <reference lib="es2023" />\npath = 1;')).toEqual([]);
  });

  it('reads a megabyte of near-misses in one pass', () => {
    expect(found(`///${' '.repeat(1_000_000)}<reference path="x" />`)).toHaveLength(1);
    expect(found('/// <reference '.repeat(70_000))).toEqual([]);
    expect(found(`/// <reference ${'<'.repeat(1_000_000)} path`)).toHaveLength(1);
    expect(found('\u0130'.repeat(500_000) + '/// <reference types="x" />')).toHaveLength(1);
  });
});
