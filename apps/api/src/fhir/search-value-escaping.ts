/**
 * R4 search escaping: `\,`, `\|`, `\$` and `\\` stand for the character itself, so an identifier value may
 * hold a comma or a bar. Split on the unescaped separator first, then unescape each part.
 */
export function splitUnescaped(value: string, separator: ',' | '|', limit = Number.POSITIVE_INFINITY): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i++) {
    const char = value.charAt(i);
    if (char === '\\' && i + 1 < value.length) {
      current += char + value.charAt(++i);
    } else if (char === separator && parts.length < limit - 1) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}

export function unescapeSearchValue(value: string): string {
  return value.replace(/\\([\\,|$])/g, '$1');
}
