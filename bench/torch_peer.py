"""The PyTorch peer of the training benchmark: the identical network to src/CmDcm.Core/Models
(SharedEncoder, Tower, PretrainedDailyModel, CmDcmModel with DelayTower, PersonalizedGate and the
DR-learner regulariser), trained with Adagrad at batch 1024 on the rows cmdcm-bench exported.

usage: torch_peer.py DIR THREADS   (DIR holds manifest.json and the .bin arrays) -> one JSON line
"""
import json
import os
import sys
import time

import numpy as np
import torch
from torch import nn
import torch.nn.functional as F

class Mlp(nn.Module):
    """Linear + ReLU layers; returns every hidden activation (Layers/Mlp.cs)."""

    def __init__(self, width_in, widths):
        super().__init__()
        self.layers = nn.ModuleList()
        for w in widths:
            self.layers.append(nn.Linear(width_in, w))
            width_in = w

    def forward(self, x):
        hidden = []
        for layer in self.layers:
            x = F.relu(layer(x))
            hidden.append(x)
        return hidden


class Tower(nn.Module):
    """MLP and one output logit (Layers/Tower.cs)."""

    def __init__(self, width_in, widths):
        super().__init__()
        self.mlp = Mlp(width_in, widths)
        self.output = nn.Linear(widths[-1], 1)

    def forward(self, x):
        hidden = self.mlp(x)
        return self.output(hidden[-1]).squeeze(-1), hidden


class SharedEncoder(nn.Module):
    """Hashed embeddings, mask-pooled sequences, log1p dense features (Layers/SharedEncoder.cs)."""

    def __init__(self, m, has_price):
        super().__init__()
        d = m["embedding_dim"]
        self.user = nn.Embedding(m["user_buckets"], d, padding_idx=0)
        self.item = nn.Embedding(m["item_buckets"], d, padding_idx=0)
        self.category = nn.Embedding(m["category_buckets"], d, padding_idx=0)
        self.hour = nn.Embedding(24, d)
        self.activity = nn.Linear(4, d)
        self.context = nn.Linear(7, d)
        self.price = nn.Linear(2, d) if has_price else None
        self.sequence_width = 2 * d
        self.price_width = d if has_price else 0
        self.output_width = 4 * d + 2 * self.sequence_width + 2 * d + self.price_width
        self.gate_input_width = 2 * self.sequence_width + 4 + 2 * d

    @staticmethod
    def pool(table, ids):
        mask = ids.ne(0).unsqueeze(-1).float()
        return (table(ids) * mask).sum(1) / mask.sum(1).clamp_min(1.0)

    def forward(self, b):
        cart = torch.cat([self.pool(self.item, b["cart_items"]), self.pool(self.category, b["cart_categories"])], 1)
        buy = torch.cat([self.pool(self.item, b["buy_items"]), self.pool(self.category, b["buy_categories"])], 1)
        item_category = torch.cat([self.item(b["item"]), self.category(b["category"])], 1)
        parts = [self.user(b["user"]), item_category, self.hour(b["hour"]), cart, buy,
                 self.activity(b["activity"]), self.context(b["context"])]
        price = None
        if self.price is not None:
            price = self.price(b["price"])
            parts.append(price)
        return dict(all=torch.cat(parts, 1), cart=cart, buy=buy, item_category=item_category,
                    activity=b["activity"], price=price)


def bce_with_logits(logit, y):
    return (y * F.softplus(-logit) + (1 - y) * F.softplus(logit)).mean()


def bce_log(log_p, y):
    """BCE of a probability given as (log p, log(1 - p)) (Models/Losses.cs, LogProbability)."""
    log, log_complement = log_p
    return (-(y * log + (1 - y) * log_complement)).mean()


class PretrainedDaily(nn.Module):
    def __init__(self, m, has_price):
        super().__init__()
        self.encoder = SharedEncoder(m, has_price)
        self.cvr = Tower(self.encoder.output_width, m["hidden"])
        self.atc = Tower(self.encoder.output_width, m["hidden"])

    def towers(self, b):
        x = self.encoder(b)["all"]
        cvr_logit, cvr_hidden = self.cvr(x)
        atc_logit, atc_hidden = self.atc(x)
        return cvr_logit, cvr_hidden, atc_logit, atc_hidden

    def loss(self, b):
        cvr_logit, _, atc_logit, _ = self.towers(b)
        return {"bce_cvr": bce_with_logits(cvr_logit, b["y_cvr"]), "bce_atc": bce_with_logits(atc_logit, b["y_atc"])}

    def predict(self, b):
        return torch.sigmoid(self.towers(b)[0])


class Gate(nn.Module):
    """g = 2 sigmoid(MLP(u)), output layer zero-initialised (Layers/PersonalizedGate.cs)."""

    def __init__(self, width_in, hidden, width):
        super().__init__()
        self.mlp = Mlp(width_in, hidden)
        self.output = nn.Linear(hidden[-1], width)
        nn.init.zeros_(self.output.weight)
        nn.init.zeros_(self.output.bias)

    def forward(self, u):
        return 2 * torch.sigmoid(self.output(self.mlp(u)[-1]))


class DelayTower(nn.Module):
    def __init__(self, width_in, gate_in, m):
        super().__init__()
        self.layers = nn.ModuleList()
        self.cvr_gates = nn.ModuleList()
        self.atc_gates = nn.ModuleList()
        previous = width_in
        for h in m["hidden"]:
            self.layers.append(nn.Linear(previous + 2 * h, h))
            self.cvr_gates.append(Gate(gate_in, m["gate_hidden"], h))
            self.atc_gates.append(Gate(gate_in, m["gate_hidden"], h))
            previous = h
        self.output = nn.Linear(previous, 1)

    def forward(self, x, u, cvr_hidden, atc_hidden):
        h = x
        for l, layer in enumerate(self.layers):
            cvr = self.cvr_gates[l](u) * cvr_hidden[l]
            atc = self.atc_gates[l](u) * atc_hidden[l]
            h = F.relu(layer(torch.cat([h, cvr, atc], 1)))
        return self.output(h).squeeze(-1)


class CmDcm(nn.Module):
    """Models/CmDcmModel.cs with the DR-learner regulariser (Models/Counterfactual/DoublyRobustRegularizer.cs)."""

    def __init__(self, daily, m, has_price):
        super().__init__()
        self.daily = daily
        for p in daily.parameters():
            p.requires_grad = False
        self.m = m
        self.encoder = SharedEncoder(m, has_price)
        self.encoder.load_state_dict(daily.encoder.state_dict())
        width = m["hidden"][-1] + self.encoder.price_width + 2 * self.encoder.sequence_width + self.encoder.output_width
        self.tower = DelayTower(width, self.encoder.gate_input_width, m)
        self.m0 = Tower(width, [m["head_hidden"]])
        self.m1 = Tower(width, [m["head_hidden"]])
        self.tau = Tower(width, [m["head_hidden"]])

    def step(self, b):
        with torch.no_grad():
            cvr_logit, cvr_hidden, atc_logit, atc_hidden = self.daily.towers(b)
            p_atc = torch.sigmoid(atc_logit)
        e = self.encoder(b)
        parts = [cvr_hidden[-1]] + ([e["price"]] if e["price"] is not None else []) + [e["cart"], e["buy"], e["all"]]
        x = torch.cat(parts, 1)
        u = torch.cat([e["cart"], e["buy"], e["activity"], e["item_category"].detach()], 1)
        z = self.tower(x, u, cvr_hidden, atc_hidden)
        # The bounded head in log space, as CmDcmModel.Step: p_delay = (1 - p_cvr) sigmoid(z), p_all = p_cvr + p_delay.
        direct, not_direct = F.logsigmoid(cvr_logit), F.logsigmoid(-cvr_logit)
        delayed, not_delayed = F.logsigmoid(z), F.logsigmoid(-z)
        delay = (not_direct + delayed, torch.logaddexp(direct, not_direct + not_delayed))
        all_ = (torch.logaddexp(direct, not_direct + delayed), not_direct + not_delayed)
        return x, p_atc, delay, all_

    def loss(self, b):
        m = self.m
        x, p_atc, delay, all_ = self.step(b)
        p_delay = delay[0].exp()
        terms = {"bce_delay": bce_log(delay, b["y_delay"]), "bce_all": m["alpha"] * bce_log(all_, b["y_all"])}
        t, y = b["atc"], b["y_delay"]
        e = p_atc.clamp(m["propensity_clip"], 1 - m["propensity_clip"])
        logit0, _ = self.m0(x)
        logit1, _ = self.m1(x)
        terms["imputation"] = m["lambda_cf"] * bce_with_logits(t * logit1 + (1 - t) * logit0, y)
        tau = torch.tanh(self.tau(x)[0])
        with torch.no_grad():
            m0, m1 = torch.sigmoid(logit0), torch.sigmoid(logit1)
            pseudo = m1 - m0 + t * (y - m1) / e - (1 - t) * (y - m0) / (1 - e)
            target = (m0 + e * tau).clamp(0, 1)
        terms["effect"] = m["lambda_cf"] * (tau - pseudo).square().mean()
        terms["cm"] = m["lambda_cm"] * (p_delay - target).square().mean()
        return terms

    def predict(self, b):
        return self.step(b)[2][0].exp()


def main():
    directory, threads = sys.argv[1], int(sys.argv[2])
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    m = json.load(open(os.path.join(directory, "manifest.json")))
    data = {}
    for a in m["arrays"]:
        values = np.fromfile(os.path.join(directory, a["name"] + ".bin"), dtype=a["dtype"]).reshape(a["shape"])
        data[a["name"]] = torch.from_numpy(values)
    n = data["user"].shape[0]
    has_price = "price" in data
    daily = PretrainedDaily(m, has_price)
    model = daily if m["model"] == "pretrained" else CmDcm(daily, m, has_price)
    optimizer = torch.optim.Adagrad([p for p in model.parameters() if p.requires_grad], lr=m["learning_rate"])
    model.train()
    samples = 0
    total = 0.0
    start = time.perf_counter()
    for _ in range(m["epochs"]):
        order = torch.randperm(n)
        for s in range(0, n, m["batch_size"]):
            idx = order[s:s + m["batch_size"]]
            b = {k: v.index_select(0, idx) for k, v in data.items()}
            terms = model.loss(b)
            loss = sum(terms.values())
            values = [v.item() for v in terms.values()]  # what a training loop logs, as ours does
            if not all(np.isfinite(values)):
                raise SystemExit("non-finite loss")
            total = loss.item()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            samples += idx.shape[0]
    seconds = time.perf_counter() - start

    model.eval()
    latencies = []
    with torch.no_grad():
        b = {k: v[:1024] for k, v in data.items()}
        for i in range(-10, 200):
            t0 = time.perf_counter()
            float(model.predict(b)[0])
            if i >= 0:
                latencies.append((time.perf_counter() - t0) * 1000)
    latencies.sort()
    print(json.dumps({
        "tool": "PyTorch " + torch.__version__, "blas": blas(), "model": m["model"], "threads": torch.get_num_threads(),
        "samples": samples, "seconds": seconds, "samples_per_second": samples / seconds, "final_loss": total,
        "latency_p50_ms": latencies[len(latencies) // 2 - 1], "latency_p99_ms": latencies[int(0.99 * len(latencies)) - 1],
    }))


def blas():
    """The BLAS library this process actually loaded (Debian's torch links libblas.so.3, an alternative)."""
    with open("/proc/self/maps") as maps:
        libraries = {line.split()[-1] for line in maps if "blas" in line.lower()}
    return ", ".join(sorted(os.path.realpath(l) for l in libraries)) or "none found"


if __name__ == "__main__":
    main()
