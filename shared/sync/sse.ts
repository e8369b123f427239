/**
 * A Server-Sent Events reader over a byte stream (a `fetch` response body), so the desk core needs no
 * EventSource: Node 20 has none, and it cannot send an Authorization header anyway. Pure: bytes in, the `data`
 * of each event out.
 */
export class SseParser {
  private pending: number[] = [];
  private data: string[] = [];

  /** Feeds bytes; returns the data of every event they complete. */
  push(chunk: Uint8Array): string[] {
    const events: string[] = [];
    for (const byte of chunk) {
      if (byte !== 0x0a) {
        this.pending.push(byte);
        continue;
      }
      const line = decodeUtf8(this.pending).replace(/\r$/, '');
      this.pending = [];
      if (line === '') {
        if (this.data.length > 0) events.push(this.data.join('\n'));
        this.data = [];
      } else if (line.startsWith('data:')) {
        this.data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
      } // comments (': ping') and other fields are ignored
    }
    return events;
  }
}

/** UTF-8 bytes of one complete line to a string (a line never ends inside a character). */
export function decodeUtf8(bytes: readonly number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i] ?? 0;
    const extra = b >= 0xf0 ? 3 : b >= 0xe0 ? 2 : b >= 0xc0 ? 1 : 0;
    let code = extra === 0 ? b : b & (0x3f >> extra);
    for (let k = 1; k <= extra; k++) code = (code << 6) | ((bytes[i + k] ?? 0) & 0x3f);
    out += String.fromCodePoint(code);
    i += extra + 1;
  }
  return out;
}
