import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';

/**
 * Test-only: runs the official EN 16931 and XRechnung schematron rules (compiled
 * to Saxon-JS stylesheets, kept with their licences and sources in
 * test/einvoice-rules) over a CII invoice. The store itself never loads them.
 */
const RULES_DIR = resolve(import.meta.dirname, '../../../test/einvoice-rules');
const CII_NS = 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100';
const RAM_NS = 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100';
const SVRL_NS = 'http://purl.oclc.org/dsdl/svrl';
/** An assert without a flag counts as an error, as in KoSIT's validator. */
const FAILING_FLAGS = new Set(['fatal', 'error', '']);

type Ruleset = 'en16931' | 'xrechnung';
export type CiiFinding = {
  ruleset: Ruleset;
  kind: string;
  id: string;
  flag: string;
  text: string;
  location: string;
  test: string;
};
export type CiiReport = { valid: boolean; specificationId: string; findings: CiiFinding[]; errors: CiiFinding[] };
/** `xrechnung: 'auto'` (the default) runs the XRechnung rules when BT-24 names XRechnung. */
export type ValidateCii = (xml: string, o?: { xrechnung?: boolean | 'auto' }) => CiiReport;

// saxon-js (devDependency) ships no types; this is the part used here.
type SaxonNode = { namespaceURI?: string; localName?: string };
type Saxon = {
  XPath: {
    evaluate(xpath: string, context: unknown, o?: { params?: object; namespaceContext?: object }): unknown;
  };
  transform(o: object, mode: 'sync'): { principalResult: unknown };
};

const FINDINGS_XPATH = `array {
  for $a in //(svrl:failed-assert | svrl:successful-report)
  return map {
    'kind': local-name($a), 'id': string($a/@id), 'flag': string($a/@flag),
    'location': string($a/@location), 'test': string($a/@test),
    'text': normalize-space(string-join($a/svrl:text, ' '))
  } }`;

let saxon: Saxon | undefined;
const stylesheets = new Map<Ruleset, unknown>();

function stylesheet(name: Ruleset): unknown {
  let sef = stylesheets.get(name);
  if (!sef) {
    sef = JSON.parse(gunzipSync(readFileSync(join(RULES_DIR, `${name}-cii.sef.json.gz`))).toString('utf8'));
    stylesheets.set(name, sef);
  }
  return sef;
}

function runRuleset(s: Saxon, name: Ruleset, doc: unknown): CiiFinding[] {
  const svrl = s.transform(
    { stylesheetInternal: stylesheet(name), sourceNode: doc, destination: 'document' },
    'sync',
  ).principalResult;
  const items = s.XPath.evaluate(FINDINGS_XPATH, svrl, { namespaceContext: { svrl: SVRL_NS } }) as Omit<
    CiiFinding,
    'ruleset'
  >[];
  return items.map((f) => ({ ruleset: name, ...f }));
}

/** Throws on XML that is not well-formed or not a CII invoice: such input is never "valid". */
const validateCii: ValidateCii = (xml, o = {}) => {
  const s = saxon!;
  const doc = s.XPath.evaluate('parse-xml($xml)', null, { params: { xml } });
  const root = s.XPath.evaluate('/*', doc) as SaxonNode | null;
  if (root?.namespaceURI !== CII_NS || root.localName !== 'CrossIndustryInvoice') {
    throw new Error(`not a CII invoice: root element is {${root?.namespaceURI ?? ''}}${root?.localName ?? '?'}`);
  }
  const specificationId = String(
    s.XPath.evaluate(
      'string(/rsm:CrossIndustryInvoice/rsm:ExchangedDocumentContext/ram:GuidelineSpecifiedDocumentContextParameter/ram:ID)',
      doc,
      { namespaceContext: { rsm: CII_NS, ram: RAM_NS } },
    ),
  );
  const xr = o.xrechnung ?? 'auto';
  const rulesets: Ruleset[] = ['en16931'];
  if (xr === true || (xr === 'auto' && /xrechnung/i.test(specificationId))) rulesets.push('xrechnung');
  const findings = rulesets.flatMap((name) => runRuleset(s, name, doc));
  const errors = findings.filter((f) => f.kind === 'failed-assert' && FAILING_FLAGS.has(f.flag));
  return { valid: errors.length === 0, specificationId, findings, errors };
};

/** Loads Saxon-JS once per process; the rule files are read on first use. */
export async function loadCiiValidator(): Promise<ValidateCii> {
  saxon ??= createRequire(import.meta.url)('saxon-js') as Saxon;
  return validateCii;
}
