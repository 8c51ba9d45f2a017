import { RELATIONS, STANCES, type Relation, type Span, type Stance } from '../../../shared/model/notebook';
import { CruxError } from '../errors';

export function badInput(message: string): CruxError {
  return new CruxError('bad-input', message);
}

export function relationOf(value: string): Relation {
  if ((RELATIONS as readonly string[]).includes(value)) return value as Relation;
  throw badInput(`unknown relation ${JSON.stringify(value)}: use one of ${RELATIONS.join(', ')}`);
}

export function stanceOf(value: string): Stance {
  if ((STANCES as readonly string[]).includes(value)) return value as Stance;
  throw badInput(`unknown stance ${JSON.stringify(value)}: use one of ${STANCES.join(', ')}`);
}

export function confidenceOf(value: number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isInteger(value) || value < 0 || value > 100) {
    throw badInput(`confidence must be a whole number from 0 to 100, not ${value}`);
  }
  return value;
}

/** A span must select at least one character of the passage and stay inside it. */
export function checkSpan(span: Span | null | undefined, text: string, passageId: number): Span | null {
  if (!span) return null;
  const { start, end } = span;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start || end > text.length) {
    throw badInput(
      `span ${start}:${end} is outside passage ${passageId}, whose text has ${text.length} characters (a span is START:END with 0 ≤ START < END ≤ ${text.length})`,
    );
  }
  if (text.slice(start, end).trim() === '')
    throw badInput(`span ${start}:${end} of passage ${passageId} selects only spaces`);
  return { start, end };
}

export function titleOf(value: string, what = 'title'): string {
  const title = value.replace(/\s+/g, ' ').trim();
  if (title === '') throw badInput(`a trail needs a ${what} that is not empty`);
  if (title.length > 500) throw badInput(`a trail ${what} is at most 500 characters, not ${title.length}`);
  return title;
}

export function tagsOf(values: readonly string[]): string[] {
  const tags: string[] = [];
  for (const raw of values) {
    const tag = raw.replace(/^#/, '').replace(/\s+/g, ' ').trim();
    if (tag === '') throw badInput('a tag cannot be empty');
    if (tag.length > 100) throw badInput(`a tag is at most 100 characters: ${JSON.stringify(tag.slice(0, 40))}…`);
    if (!tags.includes(tag)) tags.push(tag);
  }
  return tags;
}
