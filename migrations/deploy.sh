#!/usr/bin/env bash
# Deploy the programs to a cluster and bootstrap the protocol config.
# Needs Solana's CLI and platform-tools (not available on this project's build machines):
#   bash migrations/deploy.sh <RPC_URL> <USDC_MINT> <ADMIN> <GUARDIAN> [bootstrap flags...]
# The deployer's keypair (~/.config/solana/id.json) pays and becomes the upgrade authority; it then signs
# initialize_config. Hand the upgrade authority to the multisig afterwards:
#   solana program set-upgrade-authority <PROGRAM_ID> --new-upgrade-authority <MULTISIG_VAULT>
set -euo pipefail
cd "$(dirname "$0")/.."
url=${1:?rpc url}; usdc=${2:?usdc mint}; admin=${3:?admin}; guardian=${4:?guardian}; shift 4
anchor build
for p in pst_mint revenue_distributor amm_pool; do
  solana program deploy --url "$url" --program-id "keys/$p-keypair.json" "target/deploy/$p.so"
done
cargo run -q -p pst-migrations --bin bootstrap -- --url "$url" --keypair ~/.config/solana/id.json \
  --usdc-mint "$usdc" --admin "$admin" --guardian "$guardian" "$@"
