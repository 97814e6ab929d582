#!/usr/bin/env bash
# Creates or updates the public API baseline (Microsoft.CodeAnalysis.PublicApiAnalyzers) of packable projects.
#
#   eng/update-public-api.sh [--ship] [PROJECT_DIR...]
#
# PROJECT_DIR: a project folder under src/ (default: every packable project, src/*/). A project with
# PublicAPI.Shipped.txt beside it is tracked (see Directory.Build.props); the script creates the files when absent.
# It lets the analyzer's own code fix (RS0016, through `dotnet format analyzers`) declare the project's whole public API
# (into an empty baseline: the fix reliably declares everything only then), then writes PublicAPI.Unshipped.txt as what
# PublicAPI.Shipped.txt lacks, plus a *REMOVED* line for each shipped symbol that no longer exists. With --ship, the
# whole API becomes PublicAPI.Shipped.txt and PublicAPI.Unshipped.txt is emptied (do that when a version is released).
# Then each project is built, and the script fails if a public API diagnostic (RS0016, RS0017, RS0036...) is left.
# Runs offline once the packages are in the NuGet cache (the analyzer package included).
set -euo pipefail
cd "$(dirname "$0")/.."

ship=0
projects=()
for arg in "$@"; do
  case "$arg" in
    --ship) ship=1 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) projects+=("${arg%/}") ;;
  esac
done
if [ ${#projects[@]} -eq 0 ]; then
  for csproj in src/*/*.csproj; do
    projects+=("$(dirname "$csproj")")
  done
fi

header='#nullable enable'
for dir in "${projects[@]}"; do
  if [ ! -d "$dir" ] || ! ls "$dir"/*.csproj >/dev/null 2>&1; then
    echo "error: $dir is not a project folder (no .csproj in it)" >&2
    exit 2
  fi
done

# The lines of a PublicAPI file without its header, sorted.
symbols() { { grep -v -x -F "$header" "$1" 2>/dev/null || true; } | LC_ALL=C sort -u; }

# Builds a project; true when it builds and no public API diagnostic is left.
builds_clean() {
  local log
  log=$(mktemp)
  if dotnet build "$1" -c Release --no-restore -nologo -v quiet >"$log" 2>&1 && ! grep -q 'error RS00' "$log"; then
    rm -f "$log"
    return 0
  fi
  grep -E ' error ' "$log" | sed 's/ \[.*//' | sort -u | head -20 >&2
  rm -f "$log"
  return 1
}

failed=0
for dir in "${projects[@]}"; do
  csproj=$(ls "$dir"/*.csproj | head -1)
  work=$(mktemp -d)
  if [ -f "$dir/PublicAPI.Shipped.txt" ] && [ "$ship" -eq 0 ]; then
    symbols "$dir/PublicAPI.Shipped.txt" > "$work/shipped"
  else
    : > "$work/shipped"
  fi
  echo "$header" > "$dir/PublicAPI.Shipped.txt"
  echo "$header" > "$dir/PublicAPI.Unshipped.txt"
  # The analyzer is referenced only once PublicAPI.Shipped.txt exists, so restore before formatting.
  dotnet restore "$csproj" -v quiet -nologo >/dev/null
  dotnet format analyzers "$csproj" --no-restore --diagnostics RS0016 --severity warn -v quiet
  symbols "$dir/PublicAPI.Unshipped.txt" > "$work/all"
  if [ "$ship" -eq 1 ]; then
    { echo "$header"; cat "$work/all"; } > "$dir/PublicAPI.Shipped.txt"
    echo "$header" > "$dir/PublicAPI.Unshipped.txt"
  else
    { echo "$header"; cat "$work/shipped"; } > "$dir/PublicAPI.Shipped.txt"
    { echo "$header"; LC_ALL=C comm -23 "$work/all" "$work/shipped"; LC_ALL=C comm -13 "$work/all" "$work/shipped" | sed 's/^/*REMOVED*/'; } > "$dir/PublicAPI.Unshipped.txt"
  fi
  rm -rf "$work"
  # The proof: the project builds with the analyzer on (warnings are errors in this repository). A fix-all batch that
  # left symbols undeclared gets one more pass (it adds them to PublicAPI.Unshipped.txt).
  if ! builds_clean "$csproj" 2>/dev/null; then
    dotnet format analyzers "$csproj" --no-restore --diagnostics RS0016 --severity warn -v quiet
    if ! builds_clean "$csproj"; then
      echo "error: $dir does not build with its public API files (above)" >&2
      failed=1
    fi
  fi
  shipped=$(grep -v -c -x -F "$header" "$dir/PublicAPI.Shipped.txt" || true)
  unshipped=$(grep -v -c -x -F "$header" "$dir/PublicAPI.Unshipped.txt" || true)
  echo "$dir: ${shipped} shipped, ${unshipped} unshipped symbols"
done
exit "$failed"
