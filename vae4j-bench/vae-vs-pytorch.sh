#!/usr/bin/env bash
# Times the PyTorch-examples VAE configuration (784-400-20 MLP, ReLU, Bernoulli on grey-level MNIST,
# Adam 1e-3, batch 128, a test pass after every epoch) for EPOCHS epochs as whole processes:
# `bin/vae4j train` against vae4j-bench/python/pytorch_vae.py, alternating, ROUNDS times each.
# Prints wall time and peak resident memory of every run, the best of each side, and the ratio
# vae4j / PyTorch (the target is <= 0.6).
#
# PyTorch runs at each thread count in TORCH_THREADS (default: 1 and the number of cores) and its
# best run counts: on the 2-core machine one thread is its best (its OpenMP threads and OpenBLAS's
# fight over the cores at two, three times slower). It needs
# Debian's python3-torch, and a fast BLAS under it: 'apt-get install -y python3-torch
# libopenblas0-pthread' (without OpenBLAS, Debian's torch falls back to the reference BLAS and is
# many times slower, which would flatter vae4j).
#
# Environment: DATA (default ../shared/data/mnist), EPOCHS (default 3), ROUNDS (default 2).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
data="${DATA:-$root/../shared/data/mnist}"
epochs="${EPOCHS:-3}"
rounds="${ROUNDS:-2}"
threads_list="${TORCH_THREADS:-1 $(nproc)}"
python=/usr/bin/python3
if ! "$python" -c 'import torch' 2>/dev/null; then
  echo "PyTorch is missing: apt-get install -y python3-torch libopenblas0-pthread" >&2
  exit 2
fi
# build the jar once, outside the timings
"$root/bin/vae4j" --version >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# runs a command under /usr/bin/time; prints "seconds peak_mb"
measure() {
  /usr/bin/time -f '%e %M' -o "$work/time" "$@" >"$work/log" 2>&1 || { cat "$work/log" >&2; exit 1; }
  read -r secs kb <"$work/time"
  echo "$secs $((kb / 1024))"
}

best_java=""
best_torch=""
for round in $(seq 1 "$rounds"); do
  rm -rf "$work/run"
  read -r js jm < <(measure "$root/bin/vae4j" train --data "mnist:$data" --hidden 400 --latent 20 \
      --likelihood bernoulli --epochs "$epochs" --batch 128 --lr 1e-3 --seed "$round" --validation test \
      --no-report --out "$work/run")
  jloss=$(tail -n 1 "$work/run/metrics.jsonl" | sed 's/.*"val_loss":\([0-9.]*\).*/\1/')
  for threads in $threads_list; do
    read -r ts tm < <(measure "$python" "$here/python/pytorch_vae.py" --data "$data" --epochs "$epochs" \
        --threads "$threads" --seed "$round")
    tloss=$(grep '"epoch"' "$work/log" | tail -n 1 | sed 's/.*"test_loss": \([0-9.]*\).*/\1/')
    printf 'round %d: PyTorch (%d threads) %6.1f s, %5d MB peak, test loss %s\n' "$round" "$threads" "$ts" "$tm" "$tloss"
    best_torch=$(printf '%s\n%s\n' "$best_torch" "$ts" | sed '/^$/d' | sort -g | head -n 1)
  done
  printf 'round %d: vae4j %6.1f s, %5d MB peak, test loss %s\n' "$round" "$js" "$jm" "$jloss"
  best_java=$(printf '%s\n%s\n' "$best_java" "$js" | sed '/^$/d' | sort -g | head -n 1)
done
awk -v j="$best_java" -v t="$best_torch" -v e="$epochs" 'BEGIN {
  printf "best of each: vae4j %.1f s, PyTorch %.1f s for %d epochs; ratio vae4j/PyTorch = %.2f (target <= 0.6)\n", j, t, e, j / t }'
