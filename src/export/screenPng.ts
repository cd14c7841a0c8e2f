import { domToBlob } from 'modern-screenshot';

/**
 * The screen as a PNG, drawn in the browser from the live DOM (charts are copied from their
 * canvases) at the device pixel ratio, so a 4K wall exports a 4K image. Elements marked
 * `data-export-skip` (the header's buttons) are left out. Nothing is fetched: the screen uses
 * no remote images or web fonts, and the library's worker is off so no blob: worker starts.
 */
export async function screenToPng(el: HTMLElement): Promise<Blob> {
  const background = getComputedStyle(el).backgroundColor || getComputedStyle(document.body).backgroundColor;
  return domToBlob(el, {
    type: 'image/png',
    scale: window.devicePixelRatio || 1,
    backgroundColor: background,
    filter: (node) => !(node instanceof HTMLElement && node.dataset.exportSkip !== undefined),
    workerUrl: null,
    workerNumber: 0,
  });
}
