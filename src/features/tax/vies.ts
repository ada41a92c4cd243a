/**
 * The Commission's VIES REST interface ("check-vat-number", documented at
 * ec.europa.eu/taxation_customs/vies/#/technical-information): POST a JSON body
 * { countryCode, vatNumber, requesterMemberStateCode, requesterNumber } and get
 * { valid, requestDate, requestIdentifier, name, address } or an error
 * ("MS_UNAVAILABLE", "TIMEOUT", ...). The answer is never assumed: anything but
 * an explicit valid/invalid is "unavailable", and the caller keeps charging VAT.
 */
export const VIES_DEFAULT_URL = 'https://ec.europa.eu/taxation_customs/vies/rest-api/check-vat-number';

export type ViesRequest = {
  countryCode: string;
  vatNumber: string;
  requesterMemberStateCode?: string;
  requesterNumber?: string;
};

export type ViesResult =
  | {
      status: 'valid' | 'invalid';
      consultationNumber: string | null;
      name: string | null;
      address: string | null;
      raw: string;
    }
  | { status: 'unavailable'; error: string; raw: string };

export async function checkVies(
  request: ViesRequest,
  opts: { url?: string; timeoutMs?: number; fetchImpl?: typeof fetch } = {},
): Promise<ViesResult> {
  const doFetch = opts.fetchImpl ?? fetch;
  let res: Response;
  try {
    res = await doFetch(opts.url ?? VIES_DEFAULT_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(request),
      signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
    });
  } catch (e) {
    const name = (e as Error).name;
    return { status: 'unavailable', error: name === 'TimeoutError' ? 'timeout' : 'network', raw: String(e) };
  }
  const raw = await res.text().catch(() => '');
  if (!res.ok) return { status: 'unavailable', error: `http_${res.status}`, raw };
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(raw) as Record<string, unknown>;
  } catch {
    return { status: 'unavailable', error: 'bad_answer', raw };
  }
  if (Array.isArray(body.errorWrappers) || body.actionSucceed === false || typeof body.valid !== 'boolean') {
    const first = (body.errorWrappers as { error?: string }[] | undefined)?.[0]?.error;
    return { status: 'unavailable', error: first ?? 'bad_answer', raw };
  }
  const text = (v: unknown) => (typeof v === 'string' && v.trim() && v.trim() !== '---' ? v.trim() : null);
  return {
    status: body.valid ? 'valid' : 'invalid',
    consultationNumber: text(body.requestIdentifier),
    name: text(body.name),
    address: text(body.address),
    raw,
  };
}
