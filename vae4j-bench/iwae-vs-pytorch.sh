#!/usr/bin/env bash
# Times the IWAE paper's one-layer model (784-200-200-50 tanh, batch 20, dynamic binarization,
# Glorot init, Adam eps 1e-4, output bias at the data's logits) side by side with PyTorch
# (vae4j-bench/python/pytorch_iwae.py, the same model and settings):
#   1. one training epoch of the IWAE objective with K_TRAIN samples (default 50), seconds per epoch
#      as each side measures it (metrics.jsonl's "seconds", the script's "seconds");
#   2. -L_K with K_EVAL samples (default 5000) on the first EVAL_LIMIT test images (default 1000,
#      all 10,000 with EVAL_LIMIT=10000), the estimate's own seconds on each side.
# The rounds alternate vae4j and PyTorch; PyTorch runs at each thread count in TORCH_THREADS
# (default: 1 and the number of cores) and its best counts. Prints every figure and the ratios
# vae4j / PyTorch (the targets are <= 0.5).
#
# Needs Debian's python3-torch with OpenBLAS: apt-get install -y python3-torch libopenblas0-pthread
# Environment: DATA (default ../shared/data/mnist), ROUNDS (default 1), K_TRAIN, K_EVAL, EVAL_LIMIT.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
data="$(cd "${DATA:-$root/../shared/data/mnist}" && pwd)"
rounds="${ROUNDS:-1}"
k_train="${K_TRAIN:-50}"
k_eval="${K_EVAL:-5000}"
limit="${EVAL_LIMIT:-1000}"
threads_list="${TORCH_THREADS:-1 $(nproc)}"
python=/usr/bin/python3
if ! "$python" -c 'import torch' 2>/dev/null; then
  echo "PyTorch is missing: apt-get install -y python3-torch libopenblas0-pthread" >&2
  exit 2
fi
"$root/bin/vae4j" --version >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "cpu: $(lscpu | sed -n 's/^Model name: *//p' | head -n 1), $(nproc) cores; $("$python" -c 'import torch; print("torch", torch.__version__)')"

best() { printf '%s\n' "$@" | sed '/^$/d' | sort -g | head -n 1; }
jtrain="" jeval="" ttrain="" teval=""
for round in $(seq 1 "$rounds"); do
  rm -rf "$work/run"
  "$root/bin/vae4j" train --data "mnist:$data" --binarize dynamic --activation tanh --hidden 200,200 --latent 50 \
      --batch 20 --init xavier_uniform --epsilon 1e-4 --output-bias-from-data --schedule iwae --objective iwae \
      --samples "$k_train" --epochs 1 --validation 0 --no-report --seed "$round" --out "$work/run" >"$work/log" 2>&1 \
      || { cat "$work/log" >&2; exit 1; }
  s=$(sed 's/.*"seconds":\([0-9.]*\).*/\1/' "$work/run/metrics.jsonl")
  printf 'round %d: vae4j   IWAE k=%d epoch %7.1f s\n' "$round" "$k_train" "$s"
  jtrain=$(best "$jtrain" "$s")
  "$root/bin/vae4j" eval --model "$work/run/model.vae" --data "mnist:$data" --split test --limit "$limit" \
      --iw-samples "$k_eval" --json >"$work/eval.json" 2>"$work/log" || { cat "$work/log" >&2; exit 1; }
  s=$(sed 's/.*"seconds" : \([0-9.]*\).*/\1/' "$work/eval.json")
  printf 'round %d: vae4j   L_%d on %d test images %7.1f s\n' "$round" "$k_eval" "$limit" "$s"
  jeval=$(best "$jeval" "$s")
  for threads in $threads_list; do
    "$python" "$here/python/pytorch_iwae.py" --data "$data" --objective iwae --k "$k_train" --epochs 1 \
        --eval-samples "$k_eval" --eval-limit "$limit" --threads "$threads" --seed "$round" >"$work/torch.log"
    s=$(grep '"epoch"' "$work/torch.log" | sed 's/.*"seconds": \([0-9.]*\).*/\1/')
    printf 'round %d: PyTorch IWAE k=%d epoch %7.1f s (%d threads)\n' "$round" "$k_train" "$s" "$threads"
    ttrain=$(best "$ttrain" "$s")
    s=$(grep '"eval_samples"' "$work/torch.log" | sed 's/.*"seconds": \([0-9.]*\).*/\1/')
    printf 'round %d: PyTorch L_%d on %d test images %7.1f s (%d threads)\n' "$round" "$k_eval" "$limit" "$s" "$threads"
    teval=$(best "$teval" "$s")
  done
done
awk -v a="$jtrain" -v b="$ttrain" -v c="$jeval" -v d="$teval" -v k="$k_train" -v K="$k_eval" 'BEGIN {
  printf "IWAE k=%d epoch: vae4j %.1f s, PyTorch %.1f s, ratio %.2f (target <= 0.5)\n", k, a, b, a / b
  printf "L_%d evaluation: vae4j %.1f s, PyTorch %.1f s, ratio %.2f (target <= 0.5)\n", K, c, d, c / d }'
