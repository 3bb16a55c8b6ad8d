import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { z } from 'zod';

/**
 * Page state kept in the URL (shareable, survives reload and back/forward). `schema` parses the raw search
 * params; give every field a `.catch()` so a hand-edited URL falls back to defaults instead of failing.
 * Values equal to the defaults are left out of the URL.
 */
export function useSearchParamsState<S extends z.ZodObject>(schema: S) {
  const [searchParams, setSearchParams] = useSearchParams();
  const defaults = useMemo(() => schema.parse({}) as Record<string, unknown>, [schema]);
  const state = useMemo(() => schema.parse(Object.fromEntries(searchParams)), [schema, searchParams]);

  const update = useCallback(
    (patch: Partial<z.output<S>>, options: { replace?: boolean } = {}) => {
      setSearchParams(
        (previous) => {
          const merged: Record<string, unknown> = { ...schema.parse(Object.fromEntries(previous)), ...patch };
          const next = new URLSearchParams();
          for (const [key, value] of Object.entries(merged)) {
            const scalar = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
            if (scalar && value !== '' && value !== defaults[key]) next.set(key, String(value));
          }
          return next;
        },
        { replace: options.replace },
      );
    },
    [schema, defaults, setSearchParams],
  );

  return [state, update] as const;
}
