#!/usr/bin/env bash
# Restores everything the kit needs on a fresh machine with the .NET SDK (see global.json).
# Usage: bash environment/setup.sh [cpu|cuda]
set -euo pipefail
cd "$(dirname "$0")/.."
backend="${1:-cpu}"
if ! command -v dotnet >/dev/null; then
  echo "The .NET SDK is not installed: get .NET 10 (https://dot.net), then rerun this script." >&2
  exit 1
fi
dotnet --version
dotnet restore CmDcm.slnx -p:TorchBackend="$backend"
dotnet build CmDcm.slnx -c Release -p:TorchBackend="$backend" --no-restore
echo "Ready. Main job: dotnet run --project src/CmDcm.Cli -c Release -- reproduce"
