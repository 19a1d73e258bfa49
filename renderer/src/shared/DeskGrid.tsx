// Every grid of the desk: AG Grid Community with the desk's dense theme, its texts in the
// chosen language (rebuilt when the language changes), sortable, resizable columns, and an empty
// list that says whether there is nothing or the data is still on its way from the server.
import { AgGridReact, type AgGridReactProps } from 'ag-grid-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { deskGridTheme, gridLocaleText } from './grid';
import { useEmptyText } from './still-loading';

const DEFAULT_COLUMN = { sortable: true, resizable: true } as const;

/** The empty list's words, kept current while the grid shows them (a template would stay as first drawn). */
function EmptyOverlay({ none }: { none: string }) {
  return <span>{useEmptyText(none)}</span>;
}

export function DeskGrid<T>({ emptyText, ...props }: AgGridReactProps<T> & { emptyText?: string }) {
  const { i18n } = useTranslation();
  const emptyParams = useMemo(() => (emptyText === undefined ? undefined : { none: emptyText }), [emptyText]);
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
      {...(emptyParams ? { noRowsOverlayComponent: EmptyOverlay, noRowsOverlayComponentParams: emptyParams } : {})}
      {...props}
      defaultColDef={defaultColDef}
    />
  );
}
