//! Every program id and seed in `pst_ids` is the one the program itself uses.
use pst_ids as ids;

#[test]
fn each_id_is_the_programs_declare_id() {
    assert_eq!(ids::pst_mint::ID, pst_mint::ID);
    assert_eq!(ids::revenue_distributor::ID, revenue_distributor::ID);
    assert_eq!(ids::amm_pool::ID, amm_pool::ID);
}

#[test]
fn each_program_reexports_its_seeds_from_pst_ids() {
    use amm_pool::constants as a;
    use pst_mint::constants as p;
    use revenue_distributor::constants as r;
    assert_eq!(p::CONFIG_ADDRESS, ids::pst_mint::CONFIG_ADDRESS);
    assert_eq!(p::MERCHANT_SEED, ids::pst_mint::MERCHANT_SEED);
    assert_eq!(p::LP_VAULT_SEED, ids::pst_mint::LP_VAULT_SEED);
    assert_eq!(p::DIVIDEND_VAULT_SEED, ids::pst_mint::DIVIDEND_VAULT_SEED);
    assert_eq!(r::DISTRIBUTOR_SEED, ids::revenue_distributor::DISTRIBUTOR_SEED);
    assert_eq!(r::POSITION_SEED, ids::revenue_distributor::POSITION_SEED);
    assert_eq!(a::POOL_SEED, ids::amm_pool::POOL_SEED);
    assert_eq!(a::OBSERVATIONS_SEED, ids::amm_pool::OBSERVATIONS_SEED);
}

#[test]
fn pause_flags_sit_in_their_programs_lanes() {
    use ids::pause::lane_mask;
    let mint = pst_mint::constants::PAUSE_ALL;
    assert_eq!(mint & !lane_mask(ids::pst_mint::PAUSE_LANE), 0);
    let dividends =
        revenue_distributor::constants::PAUSE_STAKE | revenue_distributor::constants::PAUSE_DISTRIBUTE;
    assert_eq!(dividends & !lane_mask(ids::revenue_distributor::PAUSE_LANE), 0);
    assert_eq!(mint & dividends, 0);
}
