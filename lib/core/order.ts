/**
 * Orders strings by UTF-16 code unit, as `Array.prototype.sort` does by default. Unlike `localeCompare`, whose order
 * follows the locale of the machine (`ä` sorts after `z` in Swedish), it is the same everywhere, so reports and output
 * do not depend on where they are made; it also skips loading ICU's collator (about 5 ms at its first use).
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
