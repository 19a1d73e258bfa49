// How the server reaches the ERP safely: credentials from the environment (a bearer token, or a
// user and password for basic auth, as 1C's HTTP services take them), never from the repository
// or the command line; and HTTPS to any ERP that is not on this machine, so neither those
// credentials nor the company's orders cross a network in clear.
import { insecureReason } from '../../domain/transport/loopback';

/** Authorization for every call to the ERP: OPTA_ERP_TOKEN (bearer) or OPTA_ERP_USER + OPTA_ERP_PASSWORD (basic). */
export function erpAuthorization(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  if (env.OPTA_ERP_TOKEN) return { authorization: `Bearer ${env.OPTA_ERP_TOKEN}` };
  if (env.OPTA_ERP_USER)
    return {
      authorization: `Basic ${Buffer.from(`${env.OPTA_ERP_USER}:${env.OPTA_ERP_PASSWORD ?? ''}`).toString('base64')}`,
    };
  return {};
}

/** Refuses an ERP address that would send credentials and data in clear over a network. */
export function checkErpUrl(erpUrl: string): void {
  const why = insecureReason(erpUrl);
  if (why) throw new Error(`The ERP: ${why}`);
}
