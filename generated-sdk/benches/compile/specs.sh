#!/usr/bin/env bash
# Compile cost per spec: generation time and debug and release build time of an SDK
# generated from N specs (1, 50, 200 unless given), measured in one run.
#
#   bash generated-sdk/benches/compile/specs.sh            # N = 1 50 200, best of 3
#   REPEAT=5 bash generated-sdk/benches/compile/specs.sh 1 20 100
#
# For each N, a scratch crate under the target dir generates its SDK from N synthetic
# specs, copies of the shipped ones under ids of their own (scratch.sh). What is timed is
# a spec edit: the dependencies and the build script are built first, then the title of
# one spec is changed and `cargo build` of the scratch crate runs again: the build
# script reruns (generating every module) and rustc compiles the crate. Each figure is
# the fastest of REPEAT edits (the machine may be shared; the fastest run is the least
# disturbed). To compare with another commit, see compare.sh.
#
# Columns:
#   gen ms      the generator alone (Config::run_in_build_script: load, check, emit,
#               format, write) after the edit, timed inside the build script with
#               Instant in the debug run, so process start and cargo are not in it
#   gen all ms  the same when every module is generated (the first build of N specs,
#               the kept modules' keys removed), as in a fresh clone
#   debug s     wall time of `cargo build` after the edit, debug profile
#   release s   the same, release profile
#   /spec       the slope to the previous N: (t(N) - t(prev)) / (N - prev), so fixed
#               costs (the runtime's share, linking, cargo) do not inflate it
#   lines/spec  lines of generated Rust per spec (the module files, formatted)
set -euo pipefail
cd "$(dirname "$0")/../../.."
root=$(pwd)
source generated-sdk/benches/compile/scratch.sh
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(1 50 200)
repeat=${REPEAT:-3}
target="${CARGO_TARGET_DIR:-$root/target}/compile-bench/specs"
timing="$target/timing"
scratch_crate "$root" "$target"

# The fastest of $repeat edits and rebuilds: "ms gen_ms".
timed_build() {
  local best=0 best_gen=0 i ms gen
  for ((i = 0; i < repeat; i++)); do
    ms=$(timed_edit "$target" "$1")
    gen=$(cut -d' ' -f1 "$timing")
    if [ "$best" -eq 0 ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
    if [ "$best_gen" -eq 0 ] || [ "$gen" -lt "$best_gen" ]; then best_gen=$gen; fi
  done
  echo "$best $best_gen"
}

# Lines of the generated modules (the index `specs.rs` not counted).
generated_lines() {
  local out
  out=$(cut -d' ' -f2 "$timing")
  grep -o '"[a-z0-9_]*\.rs"' "$out/specs.rs" | tr -d '"' | sort -u |
    (cd "$out" && xargs cat) | wc -l
}

declare -A debug release gen gen_all lines
for profile in dev release; do
  # Warm: every dependency and the build script built once for this profile.
  write_specs "$root" "$target" 1
  build "$target" "$profile"
  for n in "${counts[@]}"; do
    write_specs "$root" "$target" "$n"
    # Every module generated: no key of the last N's modules is kept.
    [ -f "$timing" ] && rm -f "$(cut -d' ' -f2 "$timing")/payspec-modules.keys"
    build "$target" "$profile"
    all=$(cut -d' ' -f1 "$timing")
    read -r ms g < <(timed_build "$profile")
    if [ "$profile" = dev ]; then
      debug[$n]=$ms gen[$n]=$g gen_all[$n]=$all lines[$n]=$(generated_lines)
    else
      release[$n]=$ms
    fi
  done
done

echo "rustc: $(rustc --version); $(nproc) cores; load average: $(cut -d' ' -f1-3 /proc/loadavg); best of $repeat"
printf '%5s %8s %11s %9s %9s %12s %14s %11s\n' N "gen ms" "gen all ms" "debug s" "release s" "debug /spec" "release /spec" "lines/spec"
prev=""
for n in "${counts[@]}"; do
  if [ -n "$prev" ]; then
    slope_debug=$(slope "${debug[$n]}" "${debug[$prev]}" "$n" "$prev")
    slope_release=$(slope "${release[$n]}" "${release[$prev]}" "$n" "$prev")
  else
    slope_debug=- slope_release=-
  fi
  printf '%5d %8d %11d %9.2f %9.2f %12s %14s %11d\n' "$n" "${gen[$n]}" "${gen_all[$n]}" \
    "$(awk -v a="${debug[$n]}" 'BEGIN { print a / 1000 }')" \
    "$(awk -v a="${release[$n]}" 'BEGIN { print a / 1000 }')" \
    "$slope_debug" "$slope_release" "$((lines[$n] / n))"
  prev=$n
done
