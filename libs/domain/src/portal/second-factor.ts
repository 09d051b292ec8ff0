/** How many wrong answers in a row lock a link: guessing a 5-digit postal code then takes a new link per 5 tries. */
export const maxSecondFactorAttempts = 5;

/** A postal code as people type it: case, spaces and dashes do not matter ("sw1a 1aa" is "SW1A1AA"). */
export const normalizedPostalCode = (value: string): string => value.toUpperCase().replace(/[\s-]/g, '');

/**
 * Whether two short secrets are equal, in a time that does not depend on where they first differ
 * (nor, up to 32 characters, on their lengths), so a timing attack learns nothing of the code on file.
 * Pure TypeScript: the domain takes nothing from node:crypto.
 */
export function sameSecret(given: string, expected: string): boolean {
  const length = Math.max(given.length, expected.length, 32);
  let difference = given.length ^ expected.length;
  for (let i = 0; i < length; i++) difference |= (given.charCodeAt(i) | 0) ^ (expected.charCodeAt(i) | 0);
  return difference === 0;
}
