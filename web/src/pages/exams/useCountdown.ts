import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * The time left of a sitting. The server's `remainingSeconds` sets it at each answer it gives; between
 * two answers it counts down by the time passed since, never against the device's own idea of the
 * deadline. Time passed is the larger of the monotonic clock's (a wall clock set back changes nothing)
 * and the wall clock's (a phone asleep may stop the monotonic one). `onZero` runs once at zero.
 */
export function useCountdown(running: boolean, onZero: () => void) {
  const base = useRef<{ perf: number; wall: number; seconds: number } | null>(null);
  const [left, setLeft] = useState<number | null>(null);
  const zero = useRef(onZero);
  zero.current = onZero;
  const fired = useRef(false);

  const sync = useCallback((remainingSeconds: number) => {
    base.current = { perf: performance.now(), wall: Date.now(), seconds: remainingSeconds };
    fired.current = false;
    setLeft(Math.max(0, Math.ceil(remainingSeconds)));
  }, []);

  useEffect(() => {
    if (!running) return;
    const tick = () => {
      const b = base.current;
      if (b === null) return;
      const passed = Math.max(performance.now() - b.perf, Date.now() - b.wall);
      const s = Math.max(0, Math.ceil(b.seconds - passed / 1000));
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
