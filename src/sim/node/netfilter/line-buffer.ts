/**
 * A growing UTF-8 buffer that a large text is written into line by line and read out once as a
 * string: the part upstream's utilproxy.LineBuffer plays for kube-proxy's restore payload, here
 * for `iptables-save`. A big node prints 170,000 lines (18 MB); held as an array of line strings
 * until one join, every line survived the young generation and the collector copied it twice,
 * which took most of the save. Encoded into the buffer, each line dies where it was made.
 */
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const NEWLINE = 10;

export class LineBuffer {
  private bytes: Uint8Array;
  private used = 0;

  /** `sizeHint` in bytes: the buffer doubles when it runs out, so a good guess saves copies. */
  constructor(sizeHint = 1 << 16) {
    this.bytes = new Uint8Array(Math.max(sizeHint, 64));
  }

  /** Append `text` (no newline). */
  write(text: string): void {
    // One UTF-16 code unit takes at most three UTF-8 bytes.
    this.reserve(text.length * 3);
    // ASCII (all but the odd comment) is copied a byte a character: the encoder would need a
    // fresh view of the buffer for every piece, and those views were most of a save's garbage.
    const bytes = this.bytes;
    let used = this.used;
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c > 127) {
        this.used = used + encoder.encodeInto(text.slice(i), bytes.subarray(used)).written;
        return;
      }
      bytes[used++] = c;
    }
    this.used = used;
  }

  /** Append `text` and a newline. */
  line(text: string): void {
    this.write(text);
    this.reserve(1);
    this.bytes[this.used++] = NEWLINE;
  }

  toString(): string {
    return decoder.decode(this.bytes.subarray(0, this.used));
  }

  private reserve(n: number): void {
    if (this.used + n <= this.bytes.length) return;
    const bigger = new Uint8Array(Math.max(this.bytes.length * 2, this.used + n));
    bigger.set(this.bytes.subarray(0, this.used));
    this.bytes = bigger;
  }
}
