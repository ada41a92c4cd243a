/**
 * Chunks as text. UTF-8 unless a byte sequence is not UTF-8; from there on
 * Windows-1252 (the bytes before were ASCII or valid UTF-8, read the same).
 * The first chunk yielded holds the whole first line, for the delimiter sniff.
 */
export async function* decodeText(input: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const cp1252 = new TextDecoder('windows-1252');
  let fallback = false;
  // A UTF-8 sequence cut at the chunk's end waits for the next chunk.
  let carry: Buffer = Buffer.alloc(0);
  let head: string | undefined = '';
  for await (const chunk of input) {
    let out: string;
    if (typeof chunk === 'string') out = chunk;
    else if (fallback) out = cp1252.decode(chunk);
    else {
      const bytes = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
      const cut = bytes.length - incompleteTail(bytes);
      try {
        out = utf8.decode(bytes.subarray(0, cut));
        carry = bytes.subarray(cut);
      } catch {
        fallback = true;
        out = cp1252.decode(bytes);
        carry = Buffer.alloc(0);
      }
    }
    if (head === undefined) {
      if (out) yield out;
      continue;
    }
    head += out;
    if (head.includes('\n') || head.length > 64 * 1024) {
      yield head;
      head = undefined;
    }
  }
  const rest = carry.length > 0 ? cp1252.decode(carry) : '';
  if (head !== undefined) head += rest;
  const last = head ?? rest;
  if (last) yield last;
}

/** How many bytes at the end start a UTF-8 sequence that the buffer does not finish. */
function incompleteTail(bytes: Uint8Array): number {
  for (let i = 1; i <= Math.min(3, bytes.length); i++) {
    const b = bytes[bytes.length - i] ?? 0;
    if ((b & 0xc0) === 0x80) continue;
    if (b < 0xc0) return 0;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    return need > i ? i : 0;
  }
  return 0;
}
