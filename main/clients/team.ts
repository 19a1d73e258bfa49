// The team a user works with: the managers whose numbers and queues they may look at (a manager
// themselves, a supervisor their team, an admin every manager). Filters of queues and dashboards.
import type Database from 'better-sqlite3';
import type { SessionUser } from '../../domain/roles';

export interface TeamMember {
  id: number;
  name: string;
  active: boolean;
}

export function teamManagers(sqlite: Database.Database, me: SessionUser): TeamMember[] {
  const where =
    me.role === 'admin'
      ? `role = 'manager'`
      : me.role === 'supervisor'
        ? `role = 'manager' AND supervisor_id = ?`
        : `id = ?`;
  const params = me.role === 'admin' ? [] : [me.id];
  return (
    sqlite.prepare(`SELECT id, name, active FROM users WHERE ${where} ORDER BY name`).all(...params) as {
      id: number;
      name: string;
      active: number;
    }[]
  ).map((u) => ({ id: u.id, name: u.name, active: Boolean(u.active) }));
}
