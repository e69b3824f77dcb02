/**
 * An Event's name as client-go's recorder makes it (`fmt.Sprintf("%v.%x", ref.Name, t.UnixNano())`),
 * shared by kube-controller-manager's and kube-scheduler's recorder (client/event-recorder.ts) and
 * the kubelet's (node/kubelet/event-recorder.ts).
 */

const TWO_32 = 0x1_0000_0000;

/**
 * The event name's suffix, as client-go's `fmt.Sprintf("%v.%x", ref.Name, t.UnixNano())`: the
 * nanoseconds (milliseconds * 1e6 + `nanos`) in hex, 16 digits at least. Worked out in two
 * 32-bit halves with exact double arithmetic instead of BigInt, for every event recorded;
 * `ms` must be a non-negative integer below 2^53 / 1e6 * 2^32 (any simulated date).
 */
export function unixNanosHex(ms: number, nanos: number): string {
  const msHigh = Math.floor(ms / TWO_32);
  // msLow * 1e6 + nanos < 2^52 + 2^20: exact.
  const low = (ms - msHigh * TWO_32) * 1_000_000 + nanos;
  const carry = Math.floor(low / TWO_32);
  const high = msHigh * 1_000_000 + carry;
  const lowHex = (low - carry * TWO_32).toString(16);
  const hex = high > 0 ? high.toString(16) + lowHex.padStart(8, '0') : lowHex;
  return hex.padStart(16, '0');
}
