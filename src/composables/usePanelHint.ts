import { useI18n } from 'vue-i18n';
import { missingDataHint, type ScreenPanel } from '../analytics/screen/missingData';
import { useDrillStore } from '../stores/drill';
import { useScreenStore } from '../stores/screen';

/**
 * What an empty panel says. Product.md: "a panel whose data is missing says what file would fill
 * it instead of showing an empty chart". But under a drill, a panel the loaded data does fill can
 * be empty only because the selection leaves it nothing (the churners have no warning tier): it
 * says so, never that a file is missing.
 */
export function usePanelHint(): (panel: string) => string {
  const { t, te } = useI18n();
  const drill = useDrillStore();
  const screen = useScreenStore();
  return (panel) => {
    const ctx = screen.ctx;
    if (drill.filter.length > 0 && ctx && missingDataHint(panel as ScreenPanel, ctx) === null) return t('screen.emptyDrill');
    return te(`hint.${panel}`) ? t(`hint.${panel}`) : t('screen.noData');
  };
}
