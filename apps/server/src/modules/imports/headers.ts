import { IMPORT_MAX_COLUMNS } from '@kindling/contracts/imports';
import { z } from 'zod';
import { unreadableFile } from './file-format';
import { cellText, type SheetCell } from './sheet-source';

const MAX_HEADER_CHARS = 200;

const PHONE_LIKE = /^\+?\d[\d\s-]{6,}$/;

/**
 * The column names from the header row: trimmed, blank ones named "Column N", repeated ones numbered ("Email (2)").
 * Refuses (400) a first row that is empty or is evidently data (an email address or phone number in it).
 */
export function headerNames(cells: readonly SheetCell[], dropTrailingBlanks: boolean): string[] {
  const texts = cells.map((cell) => cellText(cell).trim().slice(0, MAX_HEADER_CHARS));
  if (dropTrailingBlanks) while (texts.length > 0 && texts.at(-1) === '') texts.pop();
  if (texts.every((text) => text === '')) {
    throw unreadableFile('blankHeader');
  }
  if (texts.some((text) => z.regexes.email.test(text.toLowerCase()) || PHONE_LIKE.test(text))) {
    throw unreadableFile('headerLooksLikeData');
  }
  if (texts.length > IMPORT_MAX_COLUMNS) throw unreadableFile('tooManyColumns');
  const used = new Map<string, number>();
  return texts.map((text, i) => {
    const name = text === '' ? `Column ${i + 1}` : text;
    const seen = used.get(name) ?? 0;
    used.set(name, seen + 1);
    return seen === 0 ? name : `${name} (${seen + 1})`;
  });
}
