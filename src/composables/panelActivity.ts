import { ref } from 'vue';

/**
 * How many panel loads are in flight across the screen. With the loads and the analytics
 * rebuild, it tells when the screen is fully drawn (benchmarks and the wall test hooks read it).
 */
export const panelLoadsInFlight = ref(0);
