// The catalog's part of the contract: the full grid page, quick search, an item's card, bulk search.
import type { catalogMethods, HandlersOf } from '../../domain/contract';
import type { DeskSession } from '../session/desk-session';

export function catalogHandlers({ catalog }: DeskSession): HandlersOf<typeof catalogMethods> {
  return {
    'catalog.page': () => catalog.page(),
    'catalog.warehouses': () => catalog.warehouses(),
    'catalog.search': ({ query, limit }) => catalog.search(query, limit),
    'catalog.item': ({ id }) => catalog.item(id),
    'catalog.bulkSearch': ({ text }) => catalog.bulkSearch(text),
    'catalog.groupAttributes': ({ group }) => catalog.groupAttributes(group),
  };
}
