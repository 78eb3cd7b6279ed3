/**
 * The JSON schemas (schemas/*.json) and their validators: every error at
 * once, each as `/json/pointer: message`.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { INSTALL_ROOT } from '../host-paths.js';

/** The schema files spinlab ships. */
export type SchemaName = 'rubric' | 'exercise' | 'result';

const schemaDir = join(INSTALL_ROOT, 'schemas');
const validators = new Map<SchemaName, ValidateFunction>();
let ajv: Ajv | undefined;

function validator(name: SchemaName): ValidateFunction {
  let validate = validators.get(name);
  if (validate === undefined) {
    if (ajv === undefined) {
      ajv = new Ajv({ allErrors: true, strict: false });
      (addFormats as unknown as (a: Ajv) => void)(ajv);
    }
    validate = ajv.compile(JSON.parse(readFileSync(resolve(schemaDir, `${name}.schema.json`), 'utf8')) as object);
    validators.set(name, validate);
  }
  return validate;
}

/** Validates `data` against schema `name`; returns every error as `/pointer: message` (empty when valid). */
export function validateAgainst(name: SchemaName, data: unknown): string[] {
  const validate = validator(name);
  if (validate(data)) return [];
  return (validate.errors ?? []).map(describeError);
}

function describeError(error: ErrorObject): string {
  const pointer = error.instancePath === '' ? '/' : error.instancePath;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return `${pointer}: unknown property \`${String(params.additionalProperty)}\``;
    case 'required':
      return `${pointer}: missing required property \`${String(params.missingProperty)}\``;
    case 'enum':
      return `${pointer}: must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return `${pointer}: ${error.message ?? 'is invalid'}`;
  }
}
