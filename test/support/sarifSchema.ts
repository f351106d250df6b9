// Validates SARIF logs against the SARIF 2.1.0 JSON schema (rtm.5, the OASIS standard's final
// schema as Microsoft's SARIF SDK publishes it) that @microsoft/jest-sarif ships. The schema is
// JSON-schema draft-04, hence ajv-draft-04. Two settings make it compile: its language pattern
// (`^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`) is not a valid Unicode-mode regular expression, and
// its `uri` / `uri-reference` formats are not checked (ajv knows no formats without ajv-formats);
// sarifLocations.test.ts checks the URIs the way code scanning reads them.
import Ajv from 'ajv-draft-04';
import type { ErrorObject } from 'ajv';
import { readFileSync } from 'node:fs';

const schemaFile = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

let validate: ReturnType<Ajv['compile']> | undefined;

/** The schema's complaints about `log`, one line each; empty when it conforms. */
export function sarifSchemaErrors(log: unknown): string[] {
  validate ??= new Ajv({ allErrors: true, strict: false, unicodeRegExp: false, validateFormats: false }).compile(JSON.parse(readFileSync(schemaFile, 'utf8')));
  if (validate(log)) return [];
  return (validate.errors ?? []).map((error: ErrorObject) => `${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`);
}

/** The schema's own title, so a test can say which schema it checked against. */
export function sarifSchemaTitle(): string {
  return (JSON.parse(readFileSync(schemaFile, 'utf8')) as { title: string }).title;
}
