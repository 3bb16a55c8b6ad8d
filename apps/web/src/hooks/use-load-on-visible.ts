import { useEffect, useState } from 'react';

/**
 * Infinite scroll: returns a ref for a sentinel element placed after a list; `load` runs whenever the sentinel
 * comes within 200 px of the viewport while `enabled` (more to load, nothing loading). Without
 * IntersectionObserver nothing happens, so keep a "load more" button as the fallback.
 */
export function useLoadOnVisible(load: () => void, enabled: boolean) {
  const [sentinel, setSentinel] = useState<HTMLElement | null>(null);
  useEffect(() => {
    if (!sentinel || !enabled || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) load();
      },
      { rootMargin: '200px' },
    );
    observer.observe(sentinel);
    return () => observer.disconnect();
  }, [sentinel, enabled, load]);
  return setSentinel;
}
