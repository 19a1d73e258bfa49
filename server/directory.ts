// The staff directory the audience rule needs (who supervises whom, who is an admin), read from
// the users table; small, so it is simply read again for each push batch.
import type { Directory } from './audience';
import type { Query } from './query';

export async function loadDirectory(query: Query): Promise<Directory> {
  const users = await query<{ id: number; role: string; supervisor_id: number | null }>(
    `SELECT id, role, supervisor_id FROM users WHERE NOT deleted`,
  );
  return {
    supervisorOf: new Map(users.filter((u) => u.role === 'manager').map((u) => [u.id, u.supervisor_id])),
    adminIds: users.filter((u) => u.role === 'admin').map((u) => u.id),
    supervisorIds: users.filter((u) => u.role === 'supervisor').map((u) => u.id),
  };
}
