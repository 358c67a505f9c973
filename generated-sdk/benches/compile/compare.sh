#!/usr/bin/env bash
# Compile cost per spec of this checkout against another checkout of the repository (an
# older commit), as a ratio measured in one run: the two sides' spec edits alternate, so
# drift and load reach both alike, and each side's figure is its fastest of REPEAT.
#
#   git worktree add ../payspec-a48d8ef a48d8ef
#   bash generated-sdk/benches/compile/compare.sh ../payspec-a48d8ef        # N = 1 50, best of 3
#   REPEAT=5 bash generated-sdk/benches/compile/compare.sh ../payspec-a48d8ef 1 100
#
# Each side generates from its own shipped specs, with its own generator and runtime, in a
# scratch crate of its own (scratch.sh); the other checkout needs only a generator with
# `Config::specs_dir` and `run_in_build_script`.
#
# Columns, per profile and N:
#   this s, other s      wall time of `cargo build` after a one-spec edit
#   this /spec, other    the slope to the previous N: (t(N) - t(prev)) / (N - prev), so
#                        fixed costs (the runtime's share, linking, cargo) do not count
#   less                 the other's slope over this one's: how many times less a spec
#                        costs here
set -euo pipefail
cd "$(dirname "$0")/../../.."
root=$(pwd)
source generated-sdk/benches/compile/scratch.sh
other=$(cd "${1:?usage: compare.sh OTHER_CHECKOUT [N...]}" && pwd)
shift
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(1 50)
repeat=${REPEAT:-3}
base="${CARGO_TARGET_DIR:-$root/target}/compile-bench/compare"
declare -A roots=([this]=$root [other]=$other)
for side in this other; do
  scratch_crate "${roots[$side]}" "$base/$side"
done

declare -A best
for profile in dev release; do
  for n in "${counts[@]}"; do
    # Untimed: the dependencies (once per profile) and every module of the N specs built.
    for side in this other; do
      write_specs "${roots[$side]}" "$base/$side" "$n"
      build "$base/$side" "$profile"
    done
    for ((i = 0; i < repeat; i++)); do
      for side in this other; do
        ms=$(timed_edit "$base/$side" "$profile")
        key="$profile $n $side"
        if [ -z "${best[$key]:-}" ] || [ "$ms" -lt "${best[$key]}" ]; then best[$key]=$ms; fi
      done
    done
  done
done

echo "this: $(git -C "$root" rev-parse --short HEAD); other: $(git -C "$other" rev-parse --short HEAD)"
echo "rustc: $(rustc --version); $(nproc) cores; load average: $(cut -d' ' -f1-3 /proc/loadavg); best of $repeat"
printf '%-8s %5s %8s %8s %11s %8s %7s\n' profile N "this s" "other s" "this /spec" "other" less
for profile in dev release; do
  prev=""
  for n in "${counts[@]}"; do
    this=${best[$profile $n this]} that=${best[$profile $n other]}
    if [ -n "$prev" ]; then
      s_this=$(slope "$this" "${best[$profile $prev this]}" "$n" "$prev")
      s_that=$(slope "$that" "${best[$profile $prev other]}" "$n" "$prev")
      less=$(awk -v a="$s_that" -v b="$s_this" 'BEGIN { printf "%.2fx", a / b }')
    else
      s_this=- s_that=- less=-
    fi
    printf '%-8s %5d %8.2f %8.2f %11s %8s %7s\n' "$profile" "$n" \
      "$(awk -v a="$this" 'BEGIN { print a / 1000 }')" \
      "$(awk -v a="$that" 'BEGIN { print a / 1000 }')" "$s_this" "$s_that" "$less"
    prev=$n
  done
done
