/**
 * API key secrets: `cwk_<organization and key ids, base64url>_<32 random bytes, base64url>`. The ids make the lookup a
 * primary-key read on (organization_id, id), so keys stay shardable by tenant; only a SHA-256 hash of the whole
 * secret is stored, compared in constant time. 256 bits of randomness make a slow hash unnecessary.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const PREFIX = 'cwk_';

function uuidBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replace(/-/g, ''), 'hex');
}

function bytesUuid(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function newSecret(organizationId: string, keyId: string): string {
  const ids = Buffer.concat([uuidBytes(organizationId), uuidBytes(keyId)]).toString('base64url');
  return `${PREFIX}${ids}_${randomBytes(32).toString('base64url')}`;
}

/** The ids a secret claims, or undefined when it is not shaped like one of ours. */
export function parseSecret(secret: string): { organizationId: string; keyId: string } | undefined {
  const match = /^cwk_([A-Za-z0-9_-]{43})_([A-Za-z0-9_-]{43})$/.exec(secret);
  if (!match) return undefined;
  const ids = Buffer.from(match[1], 'base64url');
  if (ids.length !== 32) return undefined;
  return { organizationId: bytesUuid(ids.subarray(0, 16)), keyId: bytesUuid(ids.subarray(16)) };
}

export function secretMatches(secret: string, storedHash: string): boolean {
  return hashesMatch(hashSecret(secret), storedHash);
}

/** Compares a secret's hash (hashSecret) with a stored one, in constant time. */
export function hashesMatch(hash: string, storedHash: string): boolean {
  const a = Buffer.from(hash, 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
