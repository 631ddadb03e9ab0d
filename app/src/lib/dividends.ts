// What a staked position could claim now: the distributor's stream brought up to the chain's clock and the
// position settled, integer for integer as `revenue_distributor` does it (`pst_math::dividends`: `release_to`,
// `accrue`, `earned`). Checked against the Rust crate's own results in test/vectors.

export const REWARD_SCALE = 1_000_000_000_000_000_000n;
const SCHEDULE_SLOTS = 8n;
const RATE_SHIFT = 32n;
const FRAC_MASK = (1n << RATE_SHIFT) - 1n;

export interface Schedule {
  rate: bigint;
  last: bigint;
  frac: bigint;
  grid: bigint;
  drops: bigint[];
  end: bigint;
  scheduled: bigint;
  released: bigint;
}

/** Releases the schedule up to `now` (on a copy); returns what it released, or null where the program would fail. */
export function releaseTo(s0: Schedule, now: bigint): { released: bigint; schedule: Schedule } | null {
  const s: Schedule = { ...s0, drops: [...s0.drops] };
  if (now <= s.last) return { released: 0n, schedule: s };
  if (s.grid <= 0n || s.last < 0n) return null;
  let t = s.last;
  let acc = s.frac;
  for (let i = 0n; i <= SCHEDULE_SLOTS; i++) {
    if (s.rate === 0n) break;
    const next = (t / s.grid + 1n) * s.grid;
    const until = next < now ? next : now;
    acc += s.rate * (until - t);
    t = until;
    if (until === next) {
      const slot = Number((next / s.grid) % SCHEDULE_SLOTS);
      s.rate -= s.drops[slot] ?? 0n;
      if (s.rate < 0n) return null;
      s.drops[slot] = 0n;
    }
    if (t === now) break;
  }
  if (t !== now && s.rate !== 0n) return null;
  const remaining = s.scheduled - s.released;
  let released = acc >> RATE_SHIFT;
  if (released > remaining) released = remaining;
  s.frac = acc & FRAC_MASK;
  if (s.rate === 0n) {
    released = remaining;
    s.frac = 0n;
  }
  s.released += released;
  s.last = now;
  return { released, schedule: s };
}

export interface DistributorState {
  totalStaked: bigint;
  rewardPerToken: bigint;
  schedule: Schedule;
}

export interface PositionState {
  staked: bigint;
  checkpoint: bigint;
  pending: bigint;
}

/** The accumulator after the stream is released to `now`. */
export function rewardPerTokenAt(d: DistributorState, now: bigint): bigint {
  const r = releaseTo(d.schedule, now);
  if (!r || r.released === 0n || d.totalStaked === 0n) return d.rewardPerToken;
  return d.rewardPerToken + (r.released * REWARD_SCALE) / d.totalStaked;
}

/** What the position could claim at `now` (USDC base units). */
export function claimable(d: DistributorState, p: PositionState, now: bigint): bigint {
  const rpt = rewardPerTokenAt(d, now);
  if (rpt < p.checkpoint) return p.pending;
  return p.pending + (p.staked * (rpt - p.checkpoint)) / REWARD_SCALE;
}
