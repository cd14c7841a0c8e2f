import { useI18n } from 'vue-i18n';

/**
 * What a panel says when the loaded data cannot fill it: which export would (product.md: "a panel
 * whose data is missing says what file would fill it instead of showing an empty chart").
 */
export function usePanelHint(): (panel: string) => string {
  const { t, te } = useI18n();
  return (panel) => (te(`hint.${panel}`) ? t(`hint.${panel}`) : t('screen.noData'));
}
