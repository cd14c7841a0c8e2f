import { ref, type Ref } from 'vue';
import { useInterval } from './useInterval';

/** The current time, ticking every second (the header clock). */
export function useClock(): Ref<Date> {
  const now = ref(new Date());
  useInterval(() => (now.value = new Date()), 1000);
  return now;
}
