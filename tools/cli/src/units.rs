//! Compute-unit limits from the compute-unit table (`tests/cu_ceilings.txt`: measured on the SBF build in
//! `solana-program-test` + 2%), with 25% more headroom, so a transaction pays for what it uses and not for the
//! default 200k per instruction. The headroom covers engines that charge differently: the local chain's LiteSVM
//! charges up to about 8% more than the test bank for the same instruction (measured by the CLI's tests).
const TABLE: &str = include_str!("../../../tests/cu_ceilings.txt");

/// The limit for `instruction` of `program`: the largest ceiling among the table's rows for it (a row may name
/// a case, "close_epoch (deposits execute ...)"), plus 25%; 200,000 for an instruction the table lacks.
pub fn limit(program: &str, instruction: &str) -> u32 {
    let ceiling = TABLE
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let mut f = l.split('\t');
            let (p, i, c) = (f.next()?, f.next()?, f.next()?);
            let name = i.split(' ').next()?;
            (p == program && name == instruction).then(|| c.trim().parse::<u32>().ok()).flatten()
        })
        .max();
    match ceiling {
        Some(c) => (c + c / 4).min(1_400_000),
        None => 200_000,
    }
}

/// The limit for a transaction of several instructions: the sum of theirs.
fn sum(parts: &[(&str, &str)]) -> u32 {
    parts.iter().map(|(p, i)| limit(p, i)).sum::<u32>().min(1_400_000)
}

/// The limit for a transaction of `instructions` instructions, `parts` of which are PST instructions from the
/// table: theirs, and 30,000 for each other one (an associated-token-account creation).
pub fn for_transaction(instructions: usize, parts: &[(&str, &str)]) -> u32 {
    let others = instructions.saturating_sub(parts.len()) as u32;
    sum(parts).saturating_add(30_000 * others).min(1_400_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_come_from_the_table_with_headroom() {
        let row = TABLE.lines().find(|l| l.starts_with("pst_mint\tclose_sale\t")).expect("a close_sale row");
        let ceiling: u32 = row.split('\t').nth(2).unwrap().trim().parse().unwrap();
        assert_eq!(limit("pst_mint", "close_sale"), ceiling + ceiling / 4);
        // close_epoch has several rows: the heaviest one counts
        let heaviest = TABLE
            .lines()
            .filter(|l| l.starts_with("yield_tranches\tclose_epoch"))
            .map(|l| l.split('\t').nth(2).unwrap().trim().parse::<u32>().unwrap())
            .max()
            .unwrap();
        assert_eq!(limit("yield_tranches", "close_epoch"), heaviest + heaviest / 4);
        assert_eq!(limit("pst_mint", "no_such_instruction"), 200_000);
    }
}
