// Starts the local chain once for every end-to-end test; its URL, keys and USDC mint reach the tests through
// the environment. The teardown stops it.
import { startChain } from './chain';

export const E2E_RPC_PORT = Number(process.env['PST_E2E_RPC_PORT'] ?? 18_999);

export default async function globalSetup(): Promise<() => Promise<void>> {
  const chain = await startChain(E2E_RPC_PORT);
  process.env['PST_E2E_RPC_URL'] = chain.url;
  process.env['PST_E2E_KEYS_DIR'] = chain.keysDir;
  process.env['PST_E2E_USDC_MINT'] = chain.usdcMint;
  return async () => {
    chain.process.kill('SIGTERM');
  };
}
