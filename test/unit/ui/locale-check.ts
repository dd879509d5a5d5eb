// What "the same message in another language" must keep: the key and every substitution.
export type Messages = Record<string, { message: string; description?: string; placeholders?: Record<string, { content: string; example?: string }> }>;

/** The $1…$9 a message finally shows, after its named placeholders are expanded (sorted, with repeats removed). */
function substitutions(key: string, entry: Messages[string], problems: string[]): string[] {
  const expanded = entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (_, name: string) => {
    const declared = entry.placeholders?.[name.toLowerCase()];
    if (!declared) {
      problems.push(`${key}: placeholder $${name}$ is not declared`);
      return '';
    }
    return declared.content;
  });
  return [...new Set(expanded.match(/\$[1-9]/g) ?? [])].sort();
}

export function compareLocale(english: Messages, other: Messages): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(english)) {
    const entry = other[key];
    if (!entry) {
      problems.push(`${key}: missing`);
      continue;
    }
    const want = substitutions(key, english[key]!, []);
    const got = substitutions(key, entry, problems);
    if (want.join() !== got.join()) problems.push(`${key}: uses [${got.join(', ')}] where English uses [${want.join(', ')}]`);
  }
  for (const key of Object.keys(other)) if (!(key in english)) problems.push(`${key}: not in English`);
  return problems;
}
