// AG Grid (Community only) set-up shared by every grid: modules, a dense calm theme, and the
// grid's own texts in the desk's language.
import { AG_GRID_LOCALE_EN } from '@ag-grid-community/locale';
import { AllCommunityModule, ModuleRegistry, themeQuartz } from 'ag-grid-community';
import i18n from './i18n';
import { agGridRu } from '../locales/ag-grid-ru';

ModuleRegistry.registerModules([AllCommunityModule]);

export const deskGridTheme = themeQuartz.withParams({
  fontFamily: 'inherit',
  fontSize: 12,
  headerFontSize: 12,
  rowHeight: 24,
  headerHeight: 28,
  spacing: 4,
  cellHorizontalPadding: 6,
  wrapperBorderRadius: 0,
  borderRadius: 2,
  accentColor: '#4c6ef5',
  headerBackgroundColor: '#f8f9fa',
  oddRowBackgroundColor: '#fcfcfd',
});

export function gridLocaleText(): Record<string, string> {
  return i18n.language === 'en' ? AG_GRID_LOCALE_EN : { ...AG_GRID_LOCALE_EN, ...agGridRu };
}
