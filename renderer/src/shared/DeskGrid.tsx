// Every grid of the desk: AG Grid Community with the desk's dense theme, its texts in the
// chosen language (rebuilt when the language changes), and sortable, resizable columns.
import { AgGridReact, type AgGridReactProps } from 'ag-grid-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { deskGridTheme, gridLocaleText } from './grid';

const DEFAULT_COLUMN = { sortable: true, resizable: true } as const;

export function DeskGrid<T>(props: AgGridReactProps<T>) {
  const { i18n } = useTranslation();
  // New objects on every render would be new grid options: AG Grid rebuilds every column and
  // refreshes every cell for a new defaultColDef (a quarter second per render of a big order).
  const given = props.defaultColDef;
  const defaultColDef = useMemo(() => ({ ...DEFAULT_COLUMN, ...given }), [given]);
  const localeText = useMemo(() => gridLocaleText(), [i18n.language]); // eslint-disable-line react-hooks/exhaustive-deps -- the texts follow the language
  return (
    <AgGridReact<T>
      theme={deskGridTheme}
      localeText={localeText}
      key={i18n.language}
      animateRows={false}
      {...props}
      defaultColDef={defaultColDef}
    />
  );
}
