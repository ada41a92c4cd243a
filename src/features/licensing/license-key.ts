import { createHash, randomInt } from 'node:crypto';

/** Digits and capitals without the look-alikes 0/O, 1/I/L: 31 symbols, easy to read aloud and type. */
export const KEY_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const KEY_GROUPS = 4;
export const KEY_GROUP_LENGTH = 5;

/** XXXXX-XXXXX-XXXXX-XXXXX: 20 symbols from crypto.randomInt, about 99 bits; never guessable. */
export function generateLicenseKey(): string {
  const groups: string[] = [];
  for (let g = 0; g < KEY_GROUPS; g++) {
    let group = '';
    for (let i = 0; i < KEY_GROUP_LENGTH; i++) group += KEY_ALPHABET[randomInt(KEY_ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}

/** What a customer types, reduced to what identifies the key: case, dashes and spaces do not matter. */
export function normaliseLicenseKey(input: string): string {
  return input.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/**
 * The lookup value stored in the indexed `key_hash` column. Lookups compare
 * hashes inside the database index, never the key string itself, so response
 * times say nothing about how much of a guessed key was right.
 */
export function hashLicenseKey(input: string): string {
  return createHash('sha256').update(normaliseLicenseKey(input)).digest('hex');
}
