/**
 * A time as a driver hands it back: PostgreSQL a Date, SQLite the epoch
 * milliseconds or the text it was given.
 */
export type DbTime = Date | string | number;

export const toDate = (value: DbTime): Date =>
  value instanceof Date ? value : new Date(value);

/** `2026-11-24T10:00:00.000Z`: what PostgreSQL sends for a column selected by `timesAsIso`. */
const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

export const iso = (value: DbTime): string =>
  typeof value === 'string' && ISO_UTC.test(value)
    ? value
    : toDate(value).toISOString();

export const optionalIso = (
  value: DbTime | null | undefined,
): string | undefined =>
  value === null || value === undefined ? undefined : iso(value);

export const dateOrNull = (value: string | undefined): Date | null =>
  value ? new Date(value) : null;

/** A boolean column: PostgreSQL gives a boolean, SQLite 0 or 1. */
export type DbBoolean = boolean | number;

/** An aggregate (count, sum, average): PostgreSQL gives some as text. */
export type DbNumber = number | string;

/** Rows per statement: well under SQLite's and PostgreSQL's bind limits. */
export const CHUNK = 100;

export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size));
  }
  return out;
}
