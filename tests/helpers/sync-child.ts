// A desk process for kill tests: syncs a replica from the server in small batches and prints
// each applied cursor, so the parent can SIGKILL it mid-sync.
import { createLocalChanges } from '../../main/sync/local-changes';
import { openReplica } from '../../main/sync/replica';
import { createSyncClient } from '../../main/sync/sync-client';

const [serverUrl, token, file, batchRows] = process.argv.slice(2);
const replica = openReplica(file!);
const client = createSyncClient({
  serverUrl: serverUrl!,
  token: () => token!,
  replica,
  changes: createLocalChanges({ replica, user: () => ({ id: 10, role: 'supervisor' }) }),
  batchRows: Number(batchRows),
  onApplied: () => process.stdout.write(`applied ${replica.cursor()}\n`),
  onCaughtUp: () => process.stdout.write('caught-up\n'),
});
client.start();
