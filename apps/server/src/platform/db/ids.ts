import { v7 as uuidv7 } from 'uuid';

/** Time-ordered UUIDv7 row ids: index-friendly and sortable by creation. Never used as public URL tokens. */
export function newId(): string {
  return uuidv7();
}
