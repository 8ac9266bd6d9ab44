import { createHash, randomBytes, randomUUID } from 'node:crypto';

/**
 * An API key is `dbk_<id without dashes>_<secret>`: the id finds the row without a scan, the secret (32
 * random bytes, base64url) is what proves the holder. The prefix makes a leaked key easy to recognise.
 */
const KEY_PATTERN = /^dbk_([0-9a-f]{32})_([A-Za-z0-9_-]{43,})$/;
const SECRET_BYTES = 32;

export interface ParsedApiKey {
  id: string;
  key: string;
}

/** The key's id (a uuid) when the text has the key format, else null. */
export function parseApiKey(text: string): ParsedApiKey | null {
  const match = KEY_PATTERN.exec(text);
  if (!match) return null;
  const hex = match[1];
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { id, key: text };
}

/** Why a text cannot be an API key, or null when it can (for BOOTSTRAP_ADMIN_KEY). */
export function apiKeyFormatProblem(text: string): string | null {
  return parseApiKey(text) ? null : 'must be an API key: dbk_<32 hex digits>_<at least 43 base64url characters>';
}

/** What is stored of a key: its sha256, hex. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** A new key with a random id and secret. */
export function generateApiKey(): ParsedApiKey {
  const id = randomUUID();
  return { id, key: `dbk_${id.replaceAll('-', '')}_${randomBytes(SECRET_BYTES).toString('base64url')}` };
}
