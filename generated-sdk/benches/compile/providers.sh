#!/usr/bin/env bash
# Build time of payspec-sdk with one provider's modules against all of them, in debug and
# release, measured in one run. Dependencies are built first; then, for each feature set,
# the SDK crate alone is cleaned and rebuilt (its build script generates, rustc compiles):
# what a spec edit costs.
#
#   bash generated-sdk/benches/compile/providers.sh
set -euo pipefail
cd "$(dirname "$0")/../../.."
target="${CARGO_TARGET_DIR:-target}/compile-bench"
providers=()
for dir in specs/*/; do
  name=$(basename "$dir")
  ls "$dir"*.yaml >/dev/null 2>&1 && providers+=("$name")
done
sets=(all-providers "${providers[@]}")

seconds() {
  local start end
  start=$(date +%s%N)
  cargo build --quiet --package payspec-sdk --lib --no-default-features --features "$2" \
    --profile "$1" --target-dir "$target"
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}

printf '%-8s %-14s %8s %7s\n' profile features ms ratio
for profile in dev release; do
  # Warm: every dependency built once for this profile.
  cargo build --quiet --package payspec-sdk --lib --profile "$profile" --target-dir "$target"
  all=0
  for set in "${sets[@]}"; do
    cargo clean --quiet --package payspec-sdk --profile "$profile" --target-dir "$target"
    ms=$(seconds "$profile" "$set")
    [ "$set" = all-providers ] && all=$ms
    printf '%-8s %-14s %8d %7s\n' "$profile" "$set" "$ms" \
      "$(awk -v a="$ms" -v b="$all" 'BEGIN { printf "%.2f", a / b }')"
  done
done
