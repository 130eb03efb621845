"""The IWAE paper's one-stochastic-layer model (Burda, Grosse and Salakhutdinov 2015) in PyTorch,
as the side-by-side reference for vae4j's IWAE and VAE objectives and its L_K evaluation.

784-200-200-50 encoder and 50-200-200-784 decoder, tanh, Gaussian posterior (linear mean and
log-variance), N(0, I) prior, Bernoulli likelihood; Glorot-uniform weights, zero biases and the
decoder's output bias at the logit of the training set's pixel means (clipped to [0.001, 0.999]);
Adam (0.9, 0.999, eps 1e-4), batch 20, dynamic binarization of every minibatch; the learning rate
of the paper's stages (stage i: 3^i epochs at 1e-3 * 10^(-i/7)). The objective is the k-sample
VAE bound (the mean of the k log weights, "vae") or L_k ("iwae").

The evaluation is -L_K on the test set binarized once (seeded), as the paper's code does, in
chunks of at most 4,096 decoded rows. Prints one JSON line per epoch and one for the evaluation.

    python3 pytorch_iwae.py --data ../shared/data/mnist --objective iwae --k 5 --epochs 10 --eval-samples 1000
    python3 pytorch_iwae.py --data ../shared/data/mnist --epochs 0 --eval-samples 5000 --threads 2
"""
import argparse
import gzip
import json
import math
import time

import numpy as np
import torch
from torch import nn


def read_idx_images(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    count, rows, cols = (int.from_bytes(data[i:i + 4], "big") for i in (4, 8, 12))
    pixels = np.frombuffer(data, dtype=np.uint8, offset=16).reshape(count, rows * cols)
    return torch.from_numpy(pixels.astype(np.float32) / 255.0)


def glorot(layer):
    nn.init.xavier_uniform_(layer.weight)
    nn.init.zeros_(layer.bias)
    return layer


class Iwae(nn.Module):
    def __init__(self, pixel_mean, latent=50, hidden=200):
        super().__init__()
        self.encoder = nn.Sequential(glorot(nn.Linear(784, hidden)), nn.Tanh(), glorot(nn.Linear(hidden, hidden)),
                                     nn.Tanh())
        self.mean = glorot(nn.Linear(hidden, latent))
        self.log_variance = glorot(nn.Linear(hidden, latent))
        out = glorot(nn.Linear(hidden, 784))
        p = pixel_mean.clamp(0.001, 0.999)
        with torch.no_grad():
            out.bias.copy_(torch.log(p / (1 - p)))
        self.decoder = nn.Sequential(glorot(nn.Linear(latent, hidden)), nn.Tanh(), glorot(nn.Linear(hidden, hidden)),
                                     nn.Tanh(), out)

    def log_weights(self, x, k):
        """log p(x|z) + log p(z) - log q(z|x) for k draws per example: [k, batch]."""
        h = self.encoder(x)
        mu, logvar = self.mean(h), self.log_variance(h)
        eps = torch.randn((k,) + mu.shape)
        z = mu + torch.exp(0.5 * logvar) * eps
        logits = self.decoder(z)
        log_px = -nn.functional.binary_cross_entropy_with_logits(logits, x.expand(k, -1, -1), reduction="none").sum(-1)
        log_pz = -0.5 * (z.pow(2) + math.log(2 * math.pi)).sum(-1)
        log_qz = -0.5 * (eps.pow(2) + logvar + math.log(2 * math.pi)).sum(-1)
        return log_px + log_pz - log_qz


def stage_rate(epoch):
    stage, end, length = 0, 1, 1
    while epoch >= end:
        stage, length = stage + 1, length * 3
        end += length
    return 1e-3 * 10 ** (-stage / 7)


def evaluate(model, x, samples, rows=4096):
    """-L_K of each example: batches of examples, chunks of samples, log-mean-exp in float64."""
    total = []
    batch = max(1, min(len(x), rows // min(samples, rows)))
    with torch.no_grad():
        for start in range(0, len(x), batch):
            xb = x[start:start + batch]
            chunk = max(1, min(samples, rows // len(xb)))
            parts = [model.log_weights(xb, min(chunk, samples - s)).double() for s in range(0, samples, chunk)]
            w = torch.cat(parts, 0)
            total.append(-(torch.logsumexp(w, 0) - math.log(samples)))
    nll = torch.cat(total)
    return nll.mean().item(), (nll.std() / math.sqrt(len(nll))).item()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--objective", choices=["vae", "iwae"], default="iwae")
    ap.add_argument("--k", type=int, default=5)
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--eval-samples", type=int, default=0)
    ap.add_argument("--eval-limit", type=int, default=10000)
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    train = read_idx_images(f"{args.data}/train-images-idx3-ubyte.gz")
    test = read_idx_images(f"{args.data}/t10k-images-idx3-ubyte.gz")[:args.eval_limit]
    model = Iwae(train.mean(0))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-4)
    for epoch in range(args.epochs):
        for group in opt.param_groups:
            group["lr"] = stage_rate(epoch)
        start = time.perf_counter()
        order = torch.randperm(len(train))
        total = 0.0
        for i in range(0, len(train), 20):
            x = torch.bernoulli(train[order[i:i + 20]])
            w = model.log_weights(x, args.k)
            if args.objective == "iwae":
                bound = torch.logsumexp(w, 0) - math.log(args.k)
            else:
                bound = w.mean(0)
            loss = -bound.mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item() * len(x)
        print(json.dumps({"epoch": epoch + 1, "train_loss": total / len(train),
                          "seconds": round(time.perf_counter() - start, 3), "threads": torch.get_num_threads()}),
              flush=True)
    if args.eval_samples:
        gen = torch.Generator().manual_seed(123)
        binarized = torch.bernoulli(test, generator=gen)
        start = time.perf_counter()
        nll, se = evaluate(model, binarized, args.eval_samples)
        print(json.dumps({"eval_samples": args.eval_samples, "examples": len(binarized), "iw_nll": nll, "iw_nll_se": se,
                          "seconds": round(time.perf_counter() - start, 3), "threads": torch.get_num_threads()}),
              flush=True)


if __name__ == "__main__":
    main()
