import { UserError } from '../../src/core/errors.js';

/** `2022` → {2022, 2022}; `2021-2023` or `2021..2023` → {2021, 2023}; `2021-` → from 2021. */
export function parseYearRange(text: string): { yearFrom?: number; yearTo?: number } {
  const m = /^\s*((?:19|20)\d{2})?\s*(-|\.\.|–)?\s*((?:19|20)\d{2})?\s*$/.exec(text);
  if (!m || (!m[1] && !m[3]) || (!m[2] && (!m[1] || m[3]))) {
    throw new UserError('bad-year', `"${text}" is not a year or a range; use 2022 or 2021-2023.`);
  }
  const from = m[1] ? Number(m[1]) : undefined;
  const to = m[2] ? (m[3] ? Number(m[3]) : undefined) : from;
  if (from !== undefined && to !== undefined && from > to) throw new UserError('bad-year', `The range ${text} ends before it starts.`);
  return { yearFrom: from, yearTo: to };
}
