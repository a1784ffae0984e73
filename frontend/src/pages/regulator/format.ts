// Pure helpers of the regulator console (no React), tested in test/regulator.test.ts.
import type { Dayjs } from 'dayjs';

/**
 * A registered name in the reader's language: the demo's names are "中文名 English name"; a name in one language is
 * shown as it is.
 */
export function localName(name: string, language: string): string {
  const m = /^([^\x00-\x7F][^ ]*)\s+([\x00-\x7F].*)$/.exec(name);
  if (!m) return name;
  return language === 'en' ? m[2] : m[1];
}

/** A day range as the API's [from, to): the start of the first day and of the day after the last, in UTC. */
export function rangeQuery(range: [Dayjs, Dayjs] | null | undefined): { from?: string; to?: string } {
  if (!range) return {};
  const from = new Date(Date.UTC(range[0].year(), range[0].month(), range[0].date()));
  const to = new Date(Date.UTC(range[1].year(), range[1].month(), range[1].date() + 1));
  return { from: from.toISOString(), to: to.toISOString() };
}

