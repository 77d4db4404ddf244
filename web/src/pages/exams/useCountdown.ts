import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * The time left of a sitting. The server's `remainingSeconds` sets it at each answer it gives; between
 * two answers it counts down on the browser's monotonic clock, never on its wall clock (which the
 * sitter may have set to anything). `onZero` runs once when it reaches zero.
 */
export function useCountdown(running: boolean, onZero: () => void) {
  const end = useRef<number | null>(null);
  const [left, setLeft] = useState<number | null>(null);
  const zero = useRef(onZero);
  zero.current = onZero;
  const fired = useRef(false);

  const sync = useCallback((remainingSeconds: number) => {
    end.current = performance.now() + remainingSeconds * 1000;
    fired.current = false;
    setLeft(Math.max(0, Math.ceil(remainingSeconds)));
  }, []);

  useEffect(() => {
    if (!running) return;
    const tick = () => {
      if (end.current === null) return;
      const s = Math.max(0, Math.ceil((end.current - performance.now()) / 1000));
      setLeft(s);
      if (s === 0 && !fired.current) {
        fired.current = true;
        zero.current();
      }
    };
    tick();
    const t = setInterval(tick, 250);
    return () => clearInterval(t);
  }, [running]);

  return { left, sync };
}
