//! Pauses stop entries, never exits: every pause flag of every program, set alone by the guardian, refuses the
//! entry it governs, while holders still unstake and claim and LPs still withdraw. (Only the admin's bounded
//! exit freeze stops exits: `revenue_distributor::instructions::pauses_stop_entries_never_exits_and_only_the_admin_freezes_exits`
//! and `cross_program::sweeps::the_exit_freeze_stops_the_pool_for_a_bounded_time` test it.)
use alar_reserve::{constants as alar_flags, errors::ReserveError};
use amm_pool::{constants as pool_flags, errors::AmmError};
use pst_mint::{constants as mint_flags, errors::PstError};
use pst_tests::*;
use revenue_distributor::{constants as rd_flags, errors::DistributorError};

#[derive(Debug, Clone, Copy)]
enum Flag {
    Protocol(u64),
    Pool(u8),
}

#[tokio::test]
async fn every_pause_flag_stops_its_entry_and_no_exit() {
    let mut env = Env::with_backstop_stand_in().await;
    let m = env.merchant_with_pool().await;
    let (holder, lp) = (env.investor(&m, 10_001 * USDC).await, env.lp_investor(&m, 20_000 * USDC).await);
    env.buy(&m, &holder, 10_000 * PST).await.expect("buy");
    env.open_position(&m, &holder.wallet).await.expect("open");
    env.stake(&m, &holder, 5_000 * PST).await.expect("stake");
    env.swap_in(&m, &lp.investor, UsdcToPst, 10_000 * USDC, 0).await.expect("LP buys PST");
    env.add_liquidity(&m, &lp, 1_000 * PST, u64::MAX, u64::MAX).await.expect("LP joins");
    env.dividends_arrive(&m, 100_000 * USDC).await;
    let keeper = env.investor(&m, 0).await;
    env.distribute(&m, &keeper.wallet, &keeper.usdc).await.expect("distribute");
    let applicant = env.approved_merchant(sample_approval()).await;
    let (admin, guardian) = (env.admin.insecure_clone(), env.guardian.insecure_clone());
    // the merchant's reserve, with a treasury withdrawal proposed and due
    env.init_reserve(&m).await.expect("initialize_reserve");
    env.donate_to_reserve(&m, 10 * USDC).await;
    let admin_usdc = env.admin_usdc().await;
    let ix = env.propose_withdrawal(&m, &admin.pubkey(), 0, &admin_usdc, None, USDC);
    env.send_ok(&[ix], &[&admin]).await;
    env.warp(alar_flags::DEFAULT_TIMELOCK_SECS);
    let flags = [
        ("listing", Flag::Protocol(mint_flags::PAUSE_LISTING)),
        ("issuance", Flag::Protocol(mint_flags::PAUSE_ISSUANCE)),
        ("sale", Flag::Protocol(mint_flags::PAUSE_SALE)),
        ("vesting", Flag::Protocol(mint_flags::PAUSE_VESTING)),
        ("oracle", Flag::Protocol(mint_flags::PAUSE_ORACLE)),
        ("settlement", Flag::Protocol(mint_flags::PAUSE_SETTLEMENT)),
        ("staking", Flag::Protocol(rd_flags::PAUSE_STAKE)),
        ("distribution", Flag::Protocol(rd_flags::PAUSE_DISTRIBUTE)),
        ("swaps", Flag::Pool(pool_flags::PAUSE_SWAP)),
        ("pool deposits", Flag::Pool(pool_flags::PAUSE_DEPOSIT)),
        ("reserve stake", Flag::Protocol(alar_flags::PAUSE_STAKE)),
        ("shortfall cover", Flag::Protocol(alar_flags::PAUSE_COVER)),
        ("band", Flag::Protocol(alar_flags::PAUSE_STABILIZE)),
        ("backstop", Flag::Protocol(alar_flags::PAUSE_BACKSTOP)),
        ("treasury", Flag::Protocol(alar_flags::PAUSE_TREASURY)),
    ];
    for (name, flag) in flags {
        env.warp(3_600);
        match flag {
            Flag::Protocol(f) => env.pause(f).await,
            Flag::Pool(f) => {
                env.set_pool_pause(&m, &guardian, f).await.expect("pause the pool");
            }
        }
        // the entry this flag governs is refused, by name
        match name {
            "listing" => {
                let m2 = MerchantKeys::new(env.wallet().await);
                let ix = env.apply_for_listing(&m2, sample_profile("Late", "LATE"));
                env.send(&[ix], &[&m2.authority]).await.expect_error(PstError::Paused);
            }
            "issuance" => env.create_token(&applicant).await.expect_error(PstError::Paused),
            "sale" => env.buy(&m, &holder, PST).await.expect_error(PstError::Paused),
            "vesting" => {
                let dest = env.merchant_pst_account(&m).await;
                env.claim_vested(&m, &dest).await.expect_error(PstError::Paused)
            }
            "oracle" => {
                let reporter = env.reporter.insecure_clone();
                env.submit(&m, &reporter, 0, USDC, 0).await.expect_error(PstError::Paused)
            }
            "settlement" => env.sweep(&m).await.expect_error(PstError::Paused),
            "staking" => env.stake(&m, &holder, PST).await.expect_error(DistributorError::Paused),
            "distribution" => {
                env.dividends_arrive(&m, 10 * USDC).await;
                env.distribute(&m, &keeper.wallet, &keeper.usdc).await.expect_error(DistributorError::Paused)
            }
            "swaps" => env.swap_in(&m, &holder, PstToUsdc, PST, 0).await.expect_error(AmmError::Paused),
            "pool deposits" => {
                env.add_liquidity(&m, &lp, PST, u64::MAX, u64::MAX).await.expect_error(AmmError::Paused)
            }
            "reserve stake" => {
                let w = holder.wallet.insecure_clone();
                env.deposit_stake_from(&m, &w, &holder.usdc, 1).await.expect_error(ReserveError::Paused)
            }
            "shortfall cover" => env.cover(&m, 0).await.expect_error(ReserveError::Paused),
            "band" => env.crank_band(&m).await.expect_error(ReserveError::Paused),
            "backstop" => env.draw_senior(&m, USDC).await.expect_error(ReserveError::Paused),
            "treasury" => {
                let ix = env.execute_withdrawal(&m, &admin.pubkey(), 0, &admin_usdc);
                env.send(&[ix], &[&admin]).await.expect_error(ReserveError::Paused)
            }
            other => unreachable!("{other}"),
        }
        // every exit stays open: unstake, claim, LP withdrawal
        env.unstake(&m, &holder, PST).await.unwrap_or_else(|e| panic!("unstake under {name}: {e:?}"));
        env.claim(&m, &holder).await.unwrap_or_else(|e| panic!("claim under {name}: {e:?}"));
        env.remove_liquidity(&m, &lp, PST / 10, 0, 0)
            .await
            .unwrap_or_else(|e| panic!("LP exit under {name}: {e:?}"));
        // the admin clears it
        match flag {
            Flag::Protocol(_) => env.send_ok(&[env.set_pause(&admin.pubkey(), 0)], &[&admin]).await,
            Flag::Pool(_) => env.set_pool_pause(&m, &admin, 0).await.expect("unpause the pool"),
        };
    }
    env.assert_all_conserved(&m).await;
}
