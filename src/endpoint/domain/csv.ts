// CSV for people who open it in a spreadsheet: every field quoted, formulas neutralised in text
// that came from outside (names, notes, order ids).
export function csvField(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  const safe = typeof value === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

export const csvRow = (values: readonly unknown[]) => values.map(csvField).join(',');
