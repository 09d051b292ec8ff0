import { chainKeySecret, type AppConfig } from '@arrears/platform';
import { chainKeyFrom, type ChainKey } from './hash-chain';

/** Nest injection token of the ChainKey: for whoever chains events, checkpoints their heads or verifies them. */
export const CHAIN_KEY = Symbol('ChainKey');

/** The hash chain's key, from its configured secret (or the embedded default's file in `DATA_DIR`). */
export async function loadChainKey(config: AppConfig): Promise<ChainKey> {
  return chainKeyFrom(await chainKeySecret(config));
}
