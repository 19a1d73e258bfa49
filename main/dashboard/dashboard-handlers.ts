// Dashboards' part of the contract: the figures of the user's scope for a period and filters,
// computed on the replica (offline too), the rows behind any figure, the filters' choices.
import type { dashboardMethods, HandlersOf } from '../../domain/contract';
import type { DeskSession } from '../session/desk-session';
import { createDashboard } from './dashboard';

export function dashboardHandlers(s: DeskSession): HandlersOf<typeof dashboardMethods> {
  const dashboard = createDashboard(
    s.replica.sqlite,
    () => s.user,
    undefined,
    () => s.replica.recountTotals(),
  );
  return {
    'dashboard.get': (filter) => dashboard.compute(filter),
    'dashboard.rows': (drill) => dashboard.drill(drill),
    'dashboard.options': () => dashboard.options(),
  };
}
