/**
 * The practitioner's wording: a message of public/_locales with its substitutions. Pure code that
 * words something for a person takes one; the extension passes `t` (src/ui/i18n.ts), so the
 * sentence is in the browser's language and core never touches a browser API.
 */
export type Say = (key: string, ...substitutions: string[]) => string;
