/** A JSON value (what a manifest is made of). */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/**
 * Prints JSON-shaped data as YAML (Slack accepts either for a manifest; YAML is what its editor
 * shows). Strings are always double-quoted with JSON escapes, which YAML reads the same way, so no
 * value can be mistaken for a number, a boolean or a comment.
 */
export function toYaml(value: Json): string {
  return lines(value, 0).join('\n') + '\n';
}

function scalar(value: Json): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

function isContainer(value: Json): value is Json[] | { [key: string]: Json } {
  return typeof value === 'object' && value !== null && (Array.isArray(value) ? value.length > 0 : Object.keys(value).length > 0);
}

function key(k: string): string {
  return /^[A-Za-z_][\w.-]*$/.test(k) ? k : JSON.stringify(k);
}

function lines(value: Json, depth: number): string[] {
  const pad = '  '.repeat(depth);
  if (Array.isArray(value)) {
    return value.flatMap((v) => {
      if (!isContainer(v)) return [`${pad}- ${emptyOrScalar(v)}`];
      const inner = lines(v, depth + 1);
      // The first line of a nested block goes after the dash.
      return [`${pad}- ${inner[0]!.trimStart()}`, ...inner.slice(1)];
    });
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => (isContainer(v) ? [`${pad}${key(k)}:`, ...lines(v, depth + 1)] : [`${pad}${key(k)}: ${emptyOrScalar(v)}`]));
  }
  return [`${pad}${scalar(value)}`];
}

function emptyOrScalar(value: Json): string {
  if (Array.isArray(value)) return '[]';
  if (typeof value === 'object' && value !== null) return '{}';
  return scalar(value);
}
