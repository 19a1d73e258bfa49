// Russian texts for AG Grid's own UI (the locale package has no Russian). Keys not listed fall
// back to English; these cover the filter popups, column menus, overlays and paging.
export const agGridRu: Record<string, string> = {
  selectAll: '(Выбрать все)', selectAllSearchResults: '(Выбрать все найденные)', searchOoo: 'Поиск…', blanks: '(Пустые)',
  noMatches: 'Нет совпадений', typeToSearchOoo: 'Введите для поиска…', filterOoo: 'Фильтр…', equals: 'Равно', notEqual: 'Не равно',
  blank: 'Пусто', notBlank: 'Не пусто', empty: 'Выберите', lessThan: 'Меньше', greaterThan: 'Больше', lessThanOrEqual: 'Меньше или равно',
  greaterThanOrEqual: 'Больше или равно', inRange: 'Между', inRangeStart: 'От', inRangeEnd: 'До', contains: 'Содержит', notContains: 'Не содержит',
  startsWith: 'Начинается с', endsWith: 'Заканчивается на', dateFormatOoo: 'дд.мм.гггг', before: 'До', after: 'После',
  andCondition: 'И', orCondition: 'ИЛИ', applyFilter: 'Применить', resetFilter: 'Сбросить', clearFilter: 'Очистить', cancelFilter: 'Отмена',
  textFilter: 'Текстовый фильтр', numberFilter: 'Числовой фильтр', dateFilter: 'Фильтр по дате',
  noRowsToShow: 'Нет строк', loadingOoo: 'Загрузка…', loadingError: 'Ошибка загрузки',
  pinColumn: 'Закрепить столбец', pinLeft: 'Закрепить слева', pinRight: 'Закрепить справа', noPin: 'Не закреплять',
  autosizeThisColumn: 'Подогнать ширину', autosizeAllColumns: 'Подогнать все столбцы', resetColumns: 'Сбросить столбцы',
  sortAscending: 'По возрастанию', sortDescending: 'По убыванию', sortUnSort: 'Без сортировки', columnFilter: 'Фильтр столбца',
  chooseColumns: 'Выбрать столбцы', columns: 'Столбцы', filters: 'Фильтры', copy: 'Копировать', copyWithHeaders: 'Копировать с заголовками',
  page: 'Страница', of: 'из', to: '–', nextPage: 'Следующая', lastPage: 'Последняя', firstPage: 'Первая', previousPage: 'Предыдущая',
  ariaFilterInput: 'Поле фильтра', ariaSearch: 'Поиск', ariaSearchFilterValues: 'Поиск значений фильтра',
};
