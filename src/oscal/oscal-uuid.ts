/**
 * Deterministic UUIDs (RFC 9562 version 5, SHA-1 over a namespace and a name) for what the writers emit, so that
 * writing the same mapping set or framework twice gives the same document, and a round trip the same maps.
 */
import { createHash } from 'node:crypto';

/** Our namespace UUID for names such as `map:ISO27001:2022:A.5.15:…`. */
const CROSSWALK_UUID_NAMESPACE = '9b0e4a52-6c2e-5d3a-8f0c-3a1d7e2b6c41';

export function nameUuid(...parts: string[]): string {
  const namespace = Buffer.from(CROSSWALK_UUID_NAMESPACE.replace(/-/g, ''), 'hex');
  const bytes = createHash('sha1').update(namespace).update(parts.join('\u0000'), 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
