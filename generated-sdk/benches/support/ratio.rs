//! The ratio of two costs measured in one run, as the benches print it: rounds that
//! alternate the two, so a load that comes and goes on a shared machine weighs on both
//! alike, and the median of the rounds' ratios.

use std::hint::black_box;
use std::time::{Duration, Instant};

/// Rounds per ratio.
const ROUNDS: usize = 41;
/// About how long each side runs per round.
const ROUND: Duration = Duration::from_millis(4);

/// What was measured: the median ratio `ours / floor` and the median time per call of
/// each side.
pub struct Ratio {
    pub ratio: f64,
    pub ours: Duration,
    pub floor: Duration,
}

impl std::fmt::Display for Ratio {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{:.2}x ({:.0} ns against {:.0} ns)",
            self.ratio,
            self.ours.as_secs_f64() * 1e9,
            self.floor.as_secs_f64() * 1e9
        )
    }
}

/// Times `ours` against `floor`, each called in a loop of the same length per round.
pub fn ratio<A, B>(mut ours: impl FnMut() -> A, mut floor: impl FnMut() -> B) -> Ratio {
    let calls = calls_per_round(&mut floor);
    let mut rounds: Vec<(f64, Duration, Duration)> = (0..ROUNDS)
        .map(|_| {
            let a = per_call(&mut ours, calls);
            let b = per_call(&mut floor, calls);
            (a.as_secs_f64() / b.as_secs_f64(), a, b)
        })
        .collect();
    let middle = ROUNDS / 2;
    rounds.sort_by(|x, y| x.0.total_cmp(&y.0));
    let ratio = rounds[middle].0;
    rounds.sort_by_key(|r| r.1);
    let ours = rounds[middle].1;
    rounds.sort_by_key(|r| r.2);
    Ratio {
        ratio,
        ours,
        floor: rounds[middle].2,
    }
}

fn per_call<R>(f: &mut impl FnMut() -> R, calls: u32) -> Duration {
    let start = Instant::now();
    for _ in 0..calls {
        black_box(f());
    }
    start.elapsed() / calls
}

/// How many calls of `f` fill a round (at least one).
fn calls_per_round<R>(f: &mut impl FnMut() -> R) -> u32 {
    let once = per_call(f, 64).max(Duration::from_nanos(1));
    u32::try_from(ROUND.as_nanos() / once.as_nanos())
        .unwrap_or(u32::MAX)
        .max(1)
}
