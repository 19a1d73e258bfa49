// Every grid of the desk: AG Grid Community with the desk's dense theme, its texts in the
// chosen language (rebuilt when the language changes), and sortable, resizable columns.
import { AgGridReact, type AgGridReactProps } from 'ag-grid-react';
import { useTranslation } from 'react-i18next';
import { deskGridTheme, gridLocaleText } from './grid';

const DEFAULT_COLUMN = { sortable: true, resizable: true } as const;

export function DeskGrid<T>(props: AgGridReactProps<T>) {
  const { i18n } = useTranslation();
  return (
    <AgGridReact<T>
      theme={deskGridTheme}
      localeText={gridLocaleText()}
      key={i18n.language}
      animateRows={false}
      {...props}
      defaultColDef={{ ...DEFAULT_COLUMN, ...props.defaultColDef }}
    />
  );
}
