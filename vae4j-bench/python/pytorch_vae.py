"""The PyTorch-examples VAE (pytorch/examples vae/main.py) on MNIST, as a timing and quality reference.

784-400-20 MLP encoder, 20-400-784 decoder, ReLU, Bernoulli likelihood on grey-level pixels,
Adam 1e-3, batch 128, summed BCE + KL, a test pass after every epoch. Reads the gzipped IDX files
directly so it needs no torchvision. Prints one JSON line per epoch and a final summary line.

    python3 pytorch_vae.py --data ../shared/data/mnist --epochs 3 --threads 2

--save FILE writes the trained weights as a safetensors file (what safetensors.torch.save_file
writes, without needing that package), which `vae4j import` reads:

    bin/vae4j import --weights FILE --input-shape 1,28,28 --hidden 400 --latent 20 --out model.vae
"""
import argparse
import gzip
import json
import time

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F


def read_idx_images(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    count, rows, cols = (int.from_bytes(data[i:i + 4], "big") for i in (4, 8, 12))
    pixels = np.frombuffer(data, dtype=np.uint8, offset=16).reshape(count, rows * cols)
    return torch.from_numpy(pixels.astype(np.float32) / 255.0)


class Vae(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 400)
        self.fc21 = nn.Linear(400, 20)
        self.fc22 = nn.Linear(400, 20)
        self.fc3 = nn.Linear(20, 400)
        self.fc4 = nn.Linear(400, 784)

    def forward(self, x):
        h = F.relu(self.fc1(x))
        mu, logvar = self.fc21(h), self.fc22(h)
        z = mu + torch.randn_like(mu) * torch.exp(0.5 * logvar)
        return self.fc4(F.relu(self.fc3(z))), mu, logvar


def loss_function(logits, x, mu, logvar):
    bce = F.binary_cross_entropy_with_logits(logits, x, reduction="sum")
    kld = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
    return bce + kld


def save_safetensors(path, state):
    """Writes float32 tensors in the safetensors format: header length, JSON header, raw data."""
    header, blobs, offset = {}, [], 0
    for name, t in state.items():
        data = t.detach().to(torch.float32).contiguous().numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(len(text).to_bytes(8, "little"))
        f.write(text)
        for b in blobs:
            f.write(b)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="../shared/data/mnist")
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--threads", type=int, default=0, help="torch threads; 0 keeps the default")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--save", help="write the trained weights to this safetensors file")
    args = parser.parse_args()
    start = time.time()
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    train = read_idx_images(f"{args.data}/train-images-idx3-ubyte.gz")
    test = read_idx_images(f"{args.data}/t10k-images-idx3-ubyte.gz")
    model = Vae()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(1, args.epochs + 1):
        epoch_start = time.time()
        model.train()
        total = 0.0
        for batch in torch.randperm(len(train)).split(args.batch):
            x = train[batch]
            optimizer.zero_grad()
            logits, mu, logvar = model(x)
            loss = loss_function(logits, x, mu, logvar)
            loss.backward()
            total += loss.item()
            optimizer.step()
        model.eval()
        test_total = 0.0
        with torch.no_grad():
            for i in range(0, len(test), args.batch):
                x = test[i:i + args.batch]
                logits, mu, logvar = model(x)
                test_total += loss_function(logits, x, mu, logvar).item()
        print(json.dumps({"epoch": epoch, "train_loss": total / len(train),
                          "test_loss": test_total / len(test),
                          "seconds": round(time.time() - epoch_start, 3)}), flush=True)
    if args.save:
        save_safetensors(args.save, model.state_dict())
    print(json.dumps({"total_seconds": round(time.time() - start, 3),
                      "threads": torch.get_num_threads()}), flush=True)


if __name__ == "__main__":
    main()
