/**
 * Page-side measuring code for bench/ui.ts, as source text run by `page.evaluate` / `addInitScript`: the bench
 * project is type-checked with Node's types, not the DOM's, so code that touches `document` lives here as strings
 * (kept small and plain). Every time is taken in the page with `performance.now()`, so Playwright's round trips
 * between Node and the browser never enter a figure, except where a figure says so.
 */

/**
 * Installed before any page script: the time of every `input` event. `performance.now()` counts from the
 * navigation's start, so the first keystroke a field accepts gives "from opening to ready to type" directly.
 */
export const inputRecorder = `
  window.__benchInputs = [];
  document.addEventListener('input', (e) => {
    const t = e.target;
    window.__benchInputs.push({ label: (t && (t.getAttribute('aria-label') || t.id || t.name)) || '', t: performance.now() });
  }, true);
`;

/** The time of the latest recorded `input` event, in ms since the navigation started. */
export const lastInputTime = `(window.__benchInputs.at(-1) || { t: NaN }).t`;

/**
 * Arms a save timer: from the Ctrl+Enter keydown (its event timestamp, taken before any handler runs) to the
 * first mutation that puts a visible "已登记，编号 …" dialog other than `previous` on the page ("dom"), and to the
 * end of the next frame after it ("painted": a requestAnimationFrame callback, then a task, i.e. after that
 * frame was produced). Resolves in `window.__benchSave`; read it after pressing the keys.
 */
export function armSaveTimer(previous: string): string {
  return `(() => {
    const previous = ${JSON.stringify(previous)};
    let pressed;
    const onKey = (e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && pressed === undefined) pressed = e.timeStamp; };
    window.addEventListener('keydown', onKey, true);
    const saved = () => [...document.querySelectorAll('.ant-modal')].find((d) => d.checkVisibility() && d.textContent.includes('已登记，编号') && d.textContent !== previous);
    window.__benchSave = new Promise((resolve) => {
      const mo = new MutationObserver(() => {
        const dialog = pressed === undefined ? undefined : saved();
        if (!dialog) return;
        const dom = performance.now() - pressed;
        mo.disconnect();
        window.removeEventListener('keydown', onKey, true);
        requestAnimationFrame(() => setTimeout(() => resolve({ dom, painted: performance.now() - pressed, text: dialog.textContent })));
      });
      mo.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
    });
  })()`;
}

export interface FrameOptions {
  /** The element to scroll, if any (the empty baseline table has nothing to scroll). */
  readonly holder: string;
  /** Text that, when shown in the holder, means rows still waiting for their block (PendingCell's 加载中……). */
  readonly pendingText: string;
  readonly seconds: number;
  /** Pixels moved per frame between jumps (wheel-like scrolling). */
  readonly step: number;
  /** Every this many frames, a jump to a random position (a drag of the scrollbar). */
  readonly jumpEvery: number;
}

export interface FrameResult {
  readonly deltas: number[];
  readonly longTasks: number[];
  readonly pendingFrames: number;
  readonly scrolledPx: number;
  readonly scrollRange: number;
  readonly jumps: number;
}

/**
 * Scrolls for `seconds`: each animation frame moves the holder's scrollTop by `step` (back to the top at the
 * end), and every `jumpEvery` frames jumps to a random row. Records every frame-to-frame interval from
 * requestAnimationFrame timestamps, every long task (over 50 ms, PerformanceObserver), and how many frames had
 * rows still showing as loading. The random jumps are seeded, so the real list and any rerun take the same path.
 */
export function scrollFrames(o: FrameOptions): string {
  return `new Promise((resolve) => {
    const o = ${JSON.stringify(o)};
    const holder = document.querySelector(o.holder);
    const range = holder ? holder.scrollHeight - holder.clientHeight : 0;
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const deltas = [];
    const longTasks = [];
    const po = new PerformanceObserver((list) => { for (const e of list.getEntries()) longTasks.push(e.duration); });
    po.observe({ type: 'longtask' });
    let pendingFrames = 0, scrolledPx = 0, jumps = 0, frame = 0, start, last;
    const tick = (now) => {
      deltas.push(now - last);
      last = now;
      frame++;
      if (holder && range > 0) {
        const before = holder.scrollTop;
        if (frame % o.jumpEvery === 0) { holder.scrollTop = Math.floor(random() * range); jumps++; }
        else holder.scrollTop = before + o.step > range ? 0 : before + o.step;
        scrolledPx += Math.abs(holder.scrollTop - before);
        if (holder.textContent.includes(o.pendingText)) pendingFrames++;
      }
      if (now - start < o.seconds * 1000) { requestAnimationFrame(tick); return; }
      for (const e of po.takeRecords()) longTasks.push(e.duration);
      po.disconnect();
      resolve({ deltas, longTasks, pendingFrames, scrolledPx, scrollRange: range, jumps });
    };
    // Two frames first: the interval measured starts at a frame boundary, not at the evaluate call.
    requestAnimationFrame(() => requestAnimationFrame((t) => { start = last = t; requestAnimationFrame(tick); }));
  })`;
}
