import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { validateXML } from 'xmllint-wasm';

/** Test-only: libxml2's schema validation (as WebAssembly) against the EPC's pain.001.001.09 schema. */
const XSD = readFileSync(resolve(import.meta.dirname, 'schema/pain.001.001.09.xsd'), 'utf8');

export async function validatePain001(xml: string): Promise<{ valid: boolean; errors: string[] }> {
  const r = await validateXML({
    xml: [{ fileName: 'sepa.xml', contents: xml }],
    schema: [{ fileName: 'pain.001.001.09.xsd', contents: XSD }],
  });
  return { valid: r.valid, errors: r.errors.map((e) => e.message) };
}
