# Sourced by specs.sh and compare.sh: a scratch crate that generates an SDK from N
# synthetic specs of a checkout of this repository, and the one-spec edit whose rebuild
# they time. Nothing synthetic is committed.
#
# Each function takes the checkout's root and a folder of the scratch crate's own, which
# holds the crate (its own workspace, the checkout's Cargo.lock), its specs, its build
# and the generator's timing. The crate generates its SDK in its build script from that
# folder, as tests/downstream does, on payspec-runtime alone.

# The scratch crate of checkout $1 in folder $2: its build script generates from
# $PAYSPEC_BENCH_SPECS and writes the generator's time and its output folder to
# $PAYSPEC_BENCH_TIMING.
scratch_crate() {
  local root=$1 crate=$2/crate
  mkdir -p "$crate/src"
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
  cp "$root/Cargo.lock" "$crate/Cargo.lock"
}

# $3 synthetic specs in folder $2 from checkout $1's shipped specs, taken in path order
# (spec k is a copy of shipped spec k mod their number), each with an id of its own
# (`teemopay-mx-s17`) and so a module of its own, beside copies of the provider files and
# reference lists they read.
write_specs() {
  local root=$1 specs=$2/specs n=$3 k source provider stem shipped
  mapfile -t shipped < <(cd "$root" && find specs -name '*.yaml' ! -name provider.yaml ! -path '*/reference/*' | sort)
  rm -rf "$specs"
  mkdir -p "$specs"
  for ((k = 1; k <= n; k++)); do
    source=${shipped[$(((k - 1) % ${#shipped[@]}))]}
    provider=$(basename "$(dirname "$source")")
    stem=$(basename "$source" .yaml)
    if [ ! -d "$specs/$provider" ]; then
      mkdir -p "$specs/$provider"
      [ -f "$root/specs/$provider/provider.yaml" ] && cp "$root/specs/$provider/provider.yaml" "$specs/$provider/"
      [ -d "$root/specs/$provider/reference" ] && cp -r "$root/specs/$provider/reference" "$specs/$provider/"
    fi
    sed -E "s/^id: *(.*)$/id: \1-s$k/" "$root/$source" >"$specs/$provider/$stem-s$k.yaml"
  done
}

# `cargo build` of the scratch crate in folder $1, profile $2.
build() {
  PAYSPEC_BENCH_SPECS="$1/specs" PAYSPEC_BENCH_TIMING="$1/timing" \
    cargo build --quiet --lib --manifest-path "$1/crate/Cargo.toml" --profile "$2" \
    --target-dir "$1/build"
}

# The spec edit in folder $1: the first spec's title changes (to a text never used
# before), and so does its module; then the crate is rebuilt with profile $2. Prints the
# rebuild's wall time in ms: the build script reruns, generating every module, and rustc
# compiles the crate.
timed_edit() {
  local file start end
  file=$(find "$1/specs" -name '*-s1.yaml' | head -n 1)
  sed -i -E "s/^title: .*$/title: Edited at $(date +%s%N)/" "$file"
  start=$(date +%s%N)
  build "$1" "$2"
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}

# Seconds per spec between two sizes: ($1 ms at $3 specs - $2 ms at $4 specs) / ($3 - $4),
# so fixed costs (the runtime's share, linking, cargo) do not count.
slope() {
  awk -v a="$1" -v b="$2" -v n="$3" -v p="$4" 'BEGIN { printf "%.3f", (a - b) / 1000 / (n - p) }'
}
