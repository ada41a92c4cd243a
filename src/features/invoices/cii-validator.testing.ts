import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Test-only: the official EN 16931 / XRechnung schematron rules, from ../shared beside the repository. */
const REPO = resolve(import.meta.dirname, '../../..');
const VALIDATOR_DIR = resolve(REPO, '../shared/validators/einvoice');

export type CiiFinding = {
  ruleset: string;
  kind: string;
  id: string;
  flag: string;
  text: string;
  location: string;
  test: string;
};
export type ValidateCii = (
  xml: string,
  o?: { xrechnung?: boolean | 'auto' },
) => { valid: boolean; findings: CiiFinding[]; errors: CiiFinding[] };

/**
 * The validator imports `saxon-js` by name, which Node resolves next to the
 * script; ../shared is read-only and has no node_modules. So a copy of the
 * script goes under our node_modules (saxon-js is our devDependency) and reads
 * the rule files from ../shared by absolute URL.
 */
export async function loadCiiValidator(): Promise<ValidateCii> {
  const script = join(VALIDATOR_DIR, 'validate-cii.mjs');
  if (!existsSync(script)) {
    throw new Error(
      `EN 16931 validator not found at ${script}: the tests need the shared folder beside the repository (../shared/validators/einvoice).`,
    );
  }
  const dir = join(REPO, 'node_modules', '.cache', 'einvoice-validator');
  mkdirSync(dir, { recursive: true });
  const code = readFileSync(script, 'utf8').replaceAll("new URL('./", `new URL('${pathToFileURL(VALIDATOR_DIR).href}/`);
  const copy = join(dir, 'validate-cii.mjs');
  writeFileSync(copy, code);
  const mod = (await import(pathToFileURL(copy).href)) as { validateCii: ValidateCii };
  return mod.validateCii;
}
