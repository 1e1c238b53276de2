#!/usr/bin/env bash
# What a person with an NVIDIA GPU runs first (docs/lychee-rerank-mm.md). Under 10 minutes on an A10-class machine
# once Maven has the CUDA natives (pytorch-native-cu124 is a 2.3 GB download the first time).
#   1. builds the worker and the CLI with -Pcuda (PyTorch 2.5.1 for CUDA 12.4);
#   2. runs the reference parity on the GPU in fp16 and in fp32, whole and through the shared plan
#      (bf16 is not possible: DJL's PyTorch JNI has no bf16 type; docs/lychee-rerank-mm.md says what was read);
#   3. writes random checkpoints with the released 3B and 7B layouts (bf16 shards, ~7.5 and ~16.6 GB) under
#      LYCHEE_CKPT (default ~/.cache/lychee/mm-bench) and runs ./lychee mm-bench on them at full depth on the GPU.
# Figures land in LYCHEE_OUT (default ./gpu-check-out): one log per step; each mm-bench log ends with name: value lines.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${LYCHEE_OUT:-gpu-check-out}"
CKPT="${LYCHEE_CKPT:-$HOME/.cache/lychee/mm-bench}"
DOCS="${LYCHEE_DOCS:-20}"
mkdir -p "$OUT"
step() { echo "== $(date +%T) $*"; }

step "GPU"
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv | tee "$OUT/gpu.txt"
free -g | tee -a "$OUT/gpu.txt"

step "build with -Pcuda"
./mvnw -B -q -Pcuda -pl embedded -am install -DskipTests > "$OUT/build.log" 2>&1 || { tail -50 "$OUT/build.log"; exit 1; }

for dtype in fp16 fp32; do
  step "reference parity on the GPU in $dtype"
  ./mvnw -B -Pcuda -pl gpu-worker surefire:test -Dtest='DeviceParityTest' -Dsurefire.failIfNoSpecifiedTests=false \
    -Dlychee.test.mm.device=gpu -Dlychee.test.mm.dtype=$dtype > "$OUT/parity-$dtype.log" 2>&1 \
    && grep -E "Tests run:" "$OUT/parity-$dtype.log" | tail -1 \
    || { grep -E "Tests run:|FAIL|Expecting|to be close|difference" "$OUT/parity-$dtype.log" | head -20; exit 1; }
done

for size in 3b 7b; do
  step "mm-bench $size at full depth on the GPU (fp16)"
  LYCHEE_SKIP_BUILD=1 ./lychee mm-bench --config "$size" --device gpu --dtype fp16 --docs "$DOCS" --image 640x480 \
    --rounds 3 --dir "$CKPT/$size" 2>&1 | tee "$OUT/mm-bench-$size.log"
done
step "done: figures in $OUT"
