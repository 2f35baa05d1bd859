/**
 * SHA-256 as hex: the platform's native digest (Web Crypto, in browsers and Node) when it is
 * there — a pool of a million is checked in a fraction of a second — and a pure-JS digest where
 * it is not (pages served over plain HTTP from another host have no `crypto.subtle`).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (subtle) {
    try {
      return bytesToHex(new Uint8Array(await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)));
    } catch {
      // fall through to the JS digest
    }
  }
  return bytesToHex(sha256(bytes));
}
