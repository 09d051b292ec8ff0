/** Ids travel in URLs and stream names: 1–64 letters, digits and . _ - only. */
export const idPattern = /^[A-Za-z0-9._-]{1,64}$/;

export const isId = (value: string): boolean => idPattern.test(value);
