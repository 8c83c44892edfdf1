/**
 * When the page has shown its first frame. Chrome shows a toolbar popup only after its
 * load event, and paints nothing while it is hidden: work started before that frame (compiling and
 * rendering the rest of the popup) pushes the bubble's first paint back, while the verdict is
 * already in the page. A frame's requestAnimationFrame callbacks run before its style, layout and
 * paint; a task posted from one runs after them.
 */

/**
 * A page that gets no frame for this long (kept hidden: a popup loaded ahead of being shown, a
 * background tab) runs the work anyway rather than never.
 */
export const NO_FRAME_FALLBACK_MS = 250;

/** How the wait ended: the frame was painted, or none came in time. */
export type FirstFrame = 'painted' | 'no-frame';

/** Settles once the first frame from now has been painted, or after the fallback. */
export function firstFramePainted(): Promise<FirstFrame> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(() => resolve('painted'), 0));
    setTimeout(() => resolve('no-frame'), NO_FRAME_FALLBACK_MS);
  });
}
