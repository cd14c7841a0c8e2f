import { useI18n } from 'vue-i18n';
import { bundleHint, missingDataHint, type ScreenPanel } from '../analytics/screen/missingData';
import { useDrillStore } from '../stores/drill';
import { useScreenStore } from '../stores/screen';
import { useUiStore } from '../stores/ui';

/**
 * What an empty panel says. Product.md: "a panel whose data is missing says what file would fill
 * it instead of showing an empty chart". But under a drill, a panel the loaded data does fill can
 * be empty only because the selection leaves it nothing (the churners have no warning tier): it
 * says so, never that a file is missing. On a facts bundle's screen, a panel the bundle cannot fill
 * says what the bundle does not carry, never to load a file.
 */
export function usePanelHint(): (panel: string) => string {
  const { t, te } = useI18n();
  const drill = useDrillStore();
  const screen = useScreenStore();
  const ui = useUiStore();
  return (panel) => {
    const ctx = screen.ctx;
    const inBundle = ctx ? bundleHint(panel as ScreenPanel, ctx, drill.filter.length > 0) : null;
    if (inBundle) return ui.lang === 'en' ? inBundle.en : inBundle.zh;
    if (drill.filter.length > 0 && ctx && missingDataHint(panel as ScreenPanel, ctx) === null) return t('screen.emptyDrill');
    return te(`hint.${panel}`) ? t(`hint.${panel}`) : t('screen.noData');
  };
}
