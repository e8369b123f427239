import { useEffect, useState, type RefObject } from 'react';

/** The height from the element's top to the bottom of the window, less `reserve`: the table body fills the page. */
export function useFillHeight(ref: RefObject<HTMLElement | null>, reserve: number, minimum = 200): number {
  const [height, setHeight] = useState(minimum);
  useEffect(() => {
    const measure = () => {
      const top = ref.current?.getBoundingClientRect().top ?? 0;
      setHeight(Math.max(minimum, Math.floor(window.innerHeight - top - reserve)));
    };
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, [ref, reserve, minimum]);
  return height;
}
