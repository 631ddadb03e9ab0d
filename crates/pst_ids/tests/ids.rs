//! Each program id equals the public key of its keypair in `keys/`, and the config's constant address equals
//! its derivation. (`tests/tests/main.rs` ties each id to the program crate's `declare_id!`.)
use pst_ids::*;
use solana_keypair::Keypair;
use solana_signer::Signer;

#[test]
fn ids_match_the_keypairs_in_keys() {
    let keys = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../keys");
    for (name, id) in PROGRAMS {
        let path = keys.join(format!("{name}-keypair.json"));
        let json = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let bytes: Vec<u8> = json
            .trim()
            .trim_start_matches('[')
            .trim_end_matches(']')
            .split(',')
            .map(|b| b.trim().parse().expect("a byte"))
            .collect();
        // from_bytes checks that the public half belongs to the secret half
        let keypair = Keypair::try_from(bytes.as_slice()).expect("a valid keypair");
        assert_eq!(keypair.pubkey(), id, "{name}: keys/{name}-keypair.json is not the program id");
    }
}

#[test]
fn config_address_is_the_config_pda() {
    let (derived, _) = Pubkey::find_program_address(&[pst_mint::CONFIG_SEED], &pst_mint::ID);
    assert_eq!(derived, pst_mint::CONFIG_ADDRESS);
}

#[test]
fn pause_lanes_do_not_overlap() {
    let lanes = [
        pst_mint::PAUSE_LANE,
        revenue_distributor::PAUSE_LANE,
        amm_pool::PAUSE_LANE,
        alar_reserve::PAUSE_LANE,
        yield_tranches::PAUSE_LANE,
    ];
    let mut seen = 0u64;
    for lane in lanes {
        let mask = pause::lane_mask(lane);
        assert_eq!(seen & mask, 0, "lane {lane} is used twice");
        seen |= mask;
    }
    assert_eq!(pause::flag(1, 0), 1 << 8);
    assert_eq!(pause::flag(7, 7), 1 << 63);
}
