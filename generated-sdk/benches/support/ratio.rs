//! The ratio of two costs measured in one run, as the benches print it: rounds that
//! alternate the two, so a load that comes and goes on a shared machine weighs on both
//! alike. Load only ever adds time, so each side's fastest round is its least disturbed
//! one: the ratio printed is of the two fastest rounds, with the median of the rounds'
//! own ratios beside it.

use std::hint::black_box;
use std::time::{Duration, Instant};

/// Rounds per ratio: enough that some rounds of each side run undisturbed.
const ROUNDS: usize = 101;
/// About how long each side runs per round: shorter than a scheduler's time slice, so
/// that a preemption spoils a round rather than shifting every round alike.
const ROUND: Duration = Duration::from_millis(2);

/// What was measured: `ours / floor` from each side's fastest round, the median of the
/// rounds' ratios, and the fastest time per call of each side.
pub struct Ratio {
    pub ratio: f64,
    pub median: f64,
    pub ours: Duration,
    pub floor: Duration,
}

impl std::fmt::Display for Ratio {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{:.2}x ({:.0} ns against {:.0} ns; median of rounds {:.2}x)",
            self.ratio,
            self.ours.as_secs_f64() * 1e9,
            self.floor.as_secs_f64() * 1e9,
            self.median
        )
    }
}

/// Times `ours` against `floor`, each called in a loop of the same length per round.
pub fn ratio<A, B>(mut ours: impl FnMut() -> A, mut floor: impl FnMut() -> B) -> Ratio {
    let calls = calls_per_round(&mut floor);
    let rounds: Vec<(Duration, Duration)> = (0..ROUNDS)
        .map(|_| (per_call(&mut ours, calls), per_call(&mut floor, calls)))
        .collect();
    let fastest = |side: fn(&(Duration, Duration)) -> Duration| {
        rounds.iter().map(side).min().unwrap_or_default()
    };
    let (ours, floor) = (fastest(|r| r.0), fastest(|r| r.1));
    let mut ratios: Vec<f64> = rounds
        .iter()
        .map(|(a, b)| a.as_secs_f64() / b.as_secs_f64())
        .collect();
    ratios.sort_by(f64::total_cmp);
    Ratio {
        ratio: ours.as_secs_f64() / floor.as_secs_f64(),
        median: ratios[ROUNDS / 2],
        ours,
        floor,
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
