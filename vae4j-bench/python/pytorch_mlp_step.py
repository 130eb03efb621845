"""PyTorch reference for MlpStepReport: one training step of the 784-400-20 MLP at batch 128
(forward, softmax cross-entropy, backward, Adam) cycling through 64 random batches, beside the time
of the matrix products that step runs. Prints both and their ratio.

    python3 pytorch_mlp_step.py --threads 2
"""
import argparse
import time

import torch


def timed(fn, seconds):
    for _ in range(50):
        fn()
    start = time.perf_counter()
    calls = 0
    while time.perf_counter() - start < seconds:
        fn()
        calls += 1
    return (time.perf_counter() - start) / calls * 1000


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    mlp = torch.nn.Sequential(torch.nn.Linear(784, 400), torch.nn.ReLU(), torch.nn.Linear(400, 20))
    adam = torch.optim.Adam(mlp.parameters(), lr=1e-3)
    xs = [torch.rand(128, 784) for _ in range(64)]
    ys = [torch.randint(0, 20, (128,)) for _ in range(64)]
    state = {"i": 0}

    def step():
        i = state["i"] = (state["i"] + 1) % 64
        adam.zero_grad()
        torch.nn.functional.cross_entropy(mlp(xs[i]), ys[i]).backward()
        adam.step()

    x, h, g1, g2 = torch.rand(128, 784), torch.rand(128, 400), torch.rand(128, 400), torch.rand(128, 20)
    w1, w2 = torch.rand(400, 784), torch.rand(20, 400)
    products = [lambda: x @ w1.T, lambda: g1.T @ x, lambda: h @ w2.T, lambda: g2.T @ h, lambda: g2 @ w2]
    for _ in range(3):
        step_ms = timed(step, args.seconds)
        gemm_ms = sum(timed(p, args.seconds / 5) for p in products)
        print(f"PyTorch {torch.__version__}, {args.threads} threads: training step {step_ms:.3f} ms, "
              f"sum of its products {gemm_ms:.3f} ms, ratio {step_ms / gemm_ms:.3f}")


if __name__ == "__main__":
    main()
