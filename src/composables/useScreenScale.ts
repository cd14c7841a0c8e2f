import { onScopeDispose, ref, type Ref } from 'vue';

/** The design size of the big screen. */
export const DESIGN_WIDTH = 1920;
export const DESIGN_HEIGHT = 1080;

/**
 * How much bigger than the 1920x1080 design this viewport is (0.71 on a 1366x768 laptop, 2 on a
 * 3840x2160 wall, 1 on a 3840x1080 32:9 LED wall, whose extra width goes to the grid). The page
 * sizes everything in rem from this factor instead of a CSS transform, so text and charts are
 * laid out at their real size and clicks land under the pointer.
 */
export function useScreenScale(): Ref<number> {
  const scale = ref(compute());
  const update = () => {
    scale.value = compute();
    document.documentElement.style.fontSize = `${16 * scale.value}px`;
  };
  update();
  window.addEventListener('resize', update);
  onScopeDispose(() => window.removeEventListener('resize', update));
  return scale;
}

function compute(): number {
  return Math.min(window.innerWidth / DESIGN_WIDTH, window.innerHeight / DESIGN_HEIGHT);
}
