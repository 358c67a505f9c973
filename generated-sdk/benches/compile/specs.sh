#!/usr/bin/env bash
# Compile cost per spec: generation time and debug and release build time of an SDK
# generated from N specs (1, 50, 200 unless given), measured in one run.
#
#   bash generated-sdk/benches/compile/specs.sh            # N = 1 50 200, best of 3
#   REPEAT=5 bash generated-sdk/benches/compile/specs.sh 1 20 100
#
# For each N, N synthetic specs are written into a scratch folder under the target dir:
# the shipped specs under `specs/` taken in turn (spec k is a copy of shipped spec
# k mod 15), each with its own id (`teemopay-mx-s17`) and so its own module, beside
# copies of the provider files and reference lists they read. Nothing synthetic is
# committed. A scratch crate (written here, its own workspace, the repository's
# Cargo.lock) generates its SDK from that folder in its build script, as
# tests/downstream does, on payspec-runtime alone.
#
# What is timed is a spec edit: the dependencies and the build script are built first,
# then the title of one spec is changed and `cargo build` of the scratch crate runs
# again: the build script reruns (generating every module) and rustc compiles the crate.
# Each figure is the fastest of REPEAT edits (the machine may be shared; the fastest
# run is the least disturbed).
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
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(1 50 200)
repeat=${REPEAT:-3}
target="${CARGO_TARGET_DIR:-$root/target}/compile-bench/specs"
crate="$target/crate"
specs="$target/specs"
timing="$target/timing"
mkdir -p "$crate/src"

# The scratch crate: generates from $PAYSPEC_BENCH_SPECS and writes the generator's time
# and the output folder to $PAYSPEC_BENCH_TIMING.
cat >"$crate/Cargo.toml" <<EOF
[package]
name = "payspec-compile-bench"
version = "0.0.0"
edition = "2024"
publish = false
build = "build.rs"

[workspace]

[dependencies]
payspec-runtime = { path = "$root/generated-sdk/runtime" }

[build-dependencies]
payspec-codegen = { path = "$root/codegen" }
EOF
cat >"$crate/build.rs" <<'EOF'
fn main() {
    let specs = std::env::var("PAYSPEC_BENCH_SPECS").expect("PAYSPEC_BENCH_SPECS");
    let timing = std::env::var("PAYSPEC_BENCH_TIMING").expect("PAYSPEC_BENCH_TIMING");
    println!("cargo:rerun-if-env-changed=PAYSPEC_BENCH_SPECS");
    let start = std::time::Instant::now();
    payspec_codegen::Config::new()
        .specs_dir(&specs)
        .run_in_build_script();
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    let out = std::env::var("OUT_DIR").expect("OUT_DIR");
    std::fs::write(timing, format!("{ms:.0} {out}\n")).expect("timing file");
}
EOF
cat >"$crate/src/lib.rs" <<'EOF'
//! An SDK generated from the benchmark's synthetic specs.
include!(concat!(env!("OUT_DIR"), "/specs.rs"));
EOF
cp Cargo.lock "$crate/Cargo.lock"

# The shipped specs, in path order (provider files and reference lists are not specs).
mapfile -t shipped < <(find specs -name '*.yaml' ! -name provider.yaml ! -path '*/reference/*' | sort)

# N synthetic specs under $specs, each shipped spec in turn with an id of its own.
write_specs() {
  rm -rf "$specs"
  mkdir -p "$specs"
  local n=$1 k source provider stem
  for ((k = 1; k <= n; k++)); do
    source=${shipped[$(((k - 1) % ${#shipped[@]}))]}
    provider=$(basename "$(dirname "$source")")
    stem=$(basename "$source" .yaml)
    if [ ! -d "$specs/$provider" ]; then
      mkdir -p "$specs/$provider"
      [ -f "specs/$provider/provider.yaml" ] && cp "specs/$provider/provider.yaml" "$specs/$provider/"
      [ -d "specs/$provider/reference" ] && cp -r "specs/$provider/reference" "$specs/$provider/"
    fi
    sed -E "s/^id: *(.*)$/id: \1-s$k/" "$source" >"$specs/$provider/$stem-s$k.yaml"
  done
}

# The spec edit: the first spec's title changes, and so does its module.
edit=0
edit_spec() {
  edit=$((edit + 1))
  local file
  file=$(find "$specs" -name '*-s1.yaml' | head -n 1)
  sed -i -E "s/^title: .*$/title: Edited $edit times/" "$file"
}

build() {
  PAYSPEC_BENCH_SPECS="$specs" PAYSPEC_BENCH_TIMING="$timing" \
    cargo build --quiet --lib --manifest-path "$crate/Cargo.toml" --profile "$1" \
    --target-dir "$target/build"
}

# The fastest of $repeat edits and rebuilds: "ms gen_ms".
timed_build() {
  local best=0 best_gen=0 i start end ms gen
  for ((i = 0; i < repeat; i++)); do
    edit_spec
    start=$(date +%s%N)
    build "$1"
    end=$(date +%s%N)
    ms=$(((end - start) / 1000000))
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
  write_specs 1
  build "$profile"
  for n in "${counts[@]}"; do
    write_specs "$n"
    # Every module generated: no key of the last N's modules is kept.
    [ -f "$timing" ] && rm -f "$(cut -d' ' -f2 "$timing")/payspec-modules.keys"
    build "$profile"
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
    slope_debug=$(awk -v a="${debug[$n]}" -v b="${debug[$prev]}" -v n="$n" -v p="$prev" 'BEGIN { printf "%.3f", (a - b) / 1000 / (n - p) }')
    slope_release=$(awk -v a="${release[$n]}" -v b="${release[$prev]}" -v n="$n" -v p="$prev" 'BEGIN { printf "%.3f", (a - b) / 1000 / (n - p) }')
  else
    slope_debug=- slope_release=-
  fi
  printf '%5d %8d %11d %9.2f %9.2f %12s %14s %11d\n' "$n" "${gen[$n]}" "${gen_all[$n]}" \
    "$(awk -v a="${debug[$n]}" 'BEGIN { print a / 1000 }')" \
    "$(awk -v a="${release[$n]}" 'BEGIN { print a / 1000 }')" \
    "$slope_debug" "$slope_release" "$((lines[$n] / n))"
  prev=$n
done
