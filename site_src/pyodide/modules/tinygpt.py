"""A tiny GPT in plain Python on micrograd's `Value`: the model of the course's last page (docs/gpt.md).

It reads a name one character at a time and, at every position, scores each of the 27 tokens (the letters a-z
and `.`, which marks where a name starts and ends) as the next one. Nothing here is a tensor: a vector is a list
of Values, a matrix a list of rows (each a list of Values), and every number the model computes is a Value in one
graph, so `loss.backward()` gives the gradient of every parameter, exactly as for micrograd's MLP.

The pieces, each a short function:
    embed          token embedding + position embedding
    rmsnorm        rescale a vector to a root mean square of 1
    attention      multi-head causal self-attention (attention_weights: one head's softmax over the positions)
    mlp            two linear maps with a ReLU between them
    gpt            all of the above: one position's token in, the next token's logits out
    cross_entropy  the loss of those logits given the token that really came next
    Adam           the optimizer

Every product of a matrix and a vector goes through `dot`, which is `Value.dot` (one graph node per output
number) when `fast` is True, and micrograd's chain of `*` and `+` nodes when it is False: the same numbers, and the
difference in speed the page measures.
"""

import math
import random
from dataclasses import dataclass

from micrograd.engine import Value

CHARS = ".abcdefghijklmnopqrstuvwxyz"  # token i is CHARS[i]; `.` (token 0) is the boundary around every name
BOUNDARY = 0
VOCAB = len(CHARS)
_ZERO = Value(0.0)  # the bias of every Value.dot here: the model's linear maps have none


@dataclass(frozen=True)
class Config:
    """The model's shape. The defaults are the page's: 4,192 parameters with one layer."""
    n_embd: int = 16  # numbers per position: the width of every vector the layers pass on
    n_head: int = 4  # attention heads per layer, each looking at n_embd // n_head of those numbers
    n_layer: int = 1  # attention + MLP blocks
    block_size: int = 16  # the most positions the model can read (the longest name is 11 letters)
    fast: bool = True  # Value.dot for every dot product (False: micrograd's * and + nodes)


DEFAULT = Config()


def encode(name):
    """'emma' -> [0, 5, 13, 13, 1, 0]: the boundary, the letters, the boundary."""
    return [BOUNDARY] + [CHARS.index(c) for c in name] + [BOUNDARY]


def decode(tokens):
    """The letters of `tokens`, boundaries left out."""
    return "".join(CHARS[t] for t in tokens if t != BOUNDARY)


# ---- parameters -------------------------------------------------------------------------------------------------

def matrix(rows, cols, rng, std=0.08):
    """`rows` lists of `cols` Values, drawn from a normal distribution around 0."""
    return [[Value(rng.gauss(0, std)) for _ in range(cols)] for _ in range(rows)]


def init(config=DEFAULT, seed=0):
    """A fresh model: a dict of matrices, the same for the same seed."""
    rng, n = random.Random(seed), config.n_embd
    return {
        "wte": matrix(VOCAB, n, rng),  # one row per token
        "wpe": matrix(config.block_size, n, rng),  # one row per position
        "layers": [{"wq": matrix(n, n, rng), "wk": matrix(n, n, rng), "wv": matrix(n, n, rng),
                    "wo": matrix(n, n, rng), "fc1": matrix(4 * n, n, rng), "fc2": matrix(n, 4 * n, rng)}
                   for _ in range(config.n_layer)],
        "lm_head": matrix(VOCAB, n, rng),  # one row per token: its score is that row · the last vector
    }


def parameters(params):
    """Every Value of the model, in one list (rows of every matrix, in a fixed order)."""
    matrices = [params["wte"], params["wpe"]]
    matrices += [layer[key] for layer in params["layers"] for key in ("wq", "wk", "wv", "wo", "fc1", "fc2")]
    matrices.append(params["lm_head"])
    return [p for m in matrices for row in m for p in row]


# ---- the pieces -------------------------------------------------------------------------------------------------

def dot(ws, xs, fast=True):
    """w1*x1 + w2*x2 + ...: one Value.dot node, or micrograd's chain of * and + nodes."""
    if fast:
        return Value.dot(ws, xs, _ZERO)
    return sum(w * x for w, x in zip(ws, xs))


def linear(W, x, fast=True):
    """W x: a list with one number per row of W, that row · x."""
    return [dot(row, x, fast) for row in W]


def embed(params, token, pos):
    """The vector the model starts from at position `pos`: what the token is plus where it is."""
    return [t + p for t, p in zip(params["wte"][token], params["wpe"][pos])]


def rmsnorm(x, fast=True):
    """x scaled so that the mean of its squares is 1: whatever the layers before did to its size, the next
    layer gets numbers of the same size."""
    mean_square = dot(x, x, fast) * (1 / len(x))
    scale = (mean_square + 1e-5) ** -0.5
    return [xi * scale for xi in x]


def softmax(logits):
    """Scores -> probabilities: e**score / (the sum of them all). Subtracting the largest score first changes
    nothing in the result, and keeps exp() from overflowing."""
    top = max(v.data for v in logits)
    exps = [(v - top).exp() for v in logits]
    inverse = Value.sum(exps) ** -1
    return [e * inverse for e in exps]


def attention_weights(q, keys, fast=True):
    """One head: how much the position asking `q` looks at each position so far, one weight per key, the
    weights summing to 1. A key's score is q · key, divided by the square root of their length."""
    scale = 1 / math.sqrt(len(q))
    return softmax([dot(q, k, fast) * scale for k in keys])


def attention(x, layer, keys, values, n_head, fast=True):
    """Multi-head causal self-attention at one position. `keys` and `values` hold those of the positions
    before; this position's are added, so the heads see it and the earlier ones, never a later one."""
    q, k, v = linear(layer["wq"], x, fast), linear(layer["wk"], x, fast), linear(layer["wv"], x, fast)
    keys.append(k)
    values.append(v)
    size = len(x) // n_head
    out = []
    for h in range(0, len(x), size):  # each head reads its own slice of q, the keys and the values
        weights = attention_weights(q[h:h + size], [key[h:h + size] for key in keys], fast)
        out += [dot(weights, [value[j] for value in values], fast) for j in range(h, h + size)]
    return linear(layer["wo"], out, fast)


def mlp(x, layer, fast=True):
    """Two linear maps, a ReLU between them: 16 numbers -> 64 -> 16, at each position on its own."""
    hidden = [h.relu() for h in linear(layer["fc1"], x, fast)]
    return linear(layer["fc2"], hidden, fast)


def gpt(params, token, pos, cache, config=DEFAULT):
    """The logits (27 scores) of the token after `token` at position `pos`. `cache` holds one (keys, values)
    pair per layer, which the positions before filled in: `new_cache(config)` at the start of a name."""
    x = rmsnorm(embed(params, token, pos), config.fast)
    for layer, (keys, values) in zip(params["layers"], cache):
        x = [a + b for a, b in zip(x, attention(rmsnorm(x, config.fast), layer, keys, values, config.n_head,
                                                config.fast))]
        x = [a + b for a, b in zip(x, mlp(rmsnorm(x, config.fast), layer, config.fast))]
    return linear(params["lm_head"], rmsnorm(x, config.fast), config.fast)


def new_cache(config=DEFAULT):
    """Empty keys and values for every layer: the start of a name."""
    return [([], []) for _ in range(config.n_layer)]


def forward(params, tokens, config=DEFAULT):
    """The logits at every position of `tokens`, one list of 27 per position."""
    cache = new_cache(config)
    return [gpt(params, token, pos, cache, config) for pos, token in enumerate(tokens)]


def cross_entropy(logits, target):
    """-log(the probability softmax gives the target), written as log(sum of e**logit) - target's logit, which
    is the same number but never takes the log of 0."""
    top = max(v.data for v in logits)
    return Value.sum([(v - top).exp() for v in logits]).log() + top - logits[target]


def loss(params, name, config=DEFAULT):
    """The mean cross-entropy of predicting each next token of `name` (its letters, then the boundary)."""
    tokens = encode(name)[:config.block_size + 1]
    logits = forward(params, tokens[:-1], config)
    return Value.sum([cross_entropy(row, t) for row, t in zip(logits, tokens[1:])]) * (1 / len(logits))


class Adam:
    """Adam: each parameter steps along a running mean of its gradients (`m`), divided by the square root of a
    running mean of their squares (`v`), so every parameter moves by about `lr` a step, whatever its gradient's
    scale. `step()` also sets the gradients back to 0, ready for the next backward()."""

    def __init__(self, params, lr=0.01, betas=(0.85, 0.99), eps=1e-8):
        self.params, self.lr, (self.b1, self.b2), self.eps = params, lr, betas, eps
        self.m, self.v, self.t = [0.0] * len(params), [0.0] * len(params), 0

    def step(self, lr=None):
        lr = self.lr if lr is None else lr
        self.t += 1
        b1, b2, m, v = self.b1, self.b2, self.m, self.v
        c1, c2 = 1 - b1**self.t, 1 - b2**self.t  # the means start at 0: this undoes that pull early on
        for i, p in enumerate(self.params):
            g = p.grad
            m[i] = b1 * m[i] + (1 - b1) * g
            v[i] = b2 * v[i] + (1 - b2) * g * g
            p.data -= lr * (m[i] / c1) / (math.sqrt(v[i] / c2) + self.eps)
            p.grad = 0


def train_step(params, optimizer, name, config=DEFAULT, lr=None):
    """One step on one name: forward, backward, update. Returns the loss, a float."""
    out = loss(params, name, config)
    out.backward()
    optimizer.step(lr)
    return out.data


def mean_loss(params, names, config=DEFAULT):
    """The loss averaged over `names` (a float): how surprised the model is by them, 3.30 = ln 27 for a model
    that knows nothing."""
    return sum(loss(params, name, config).data for name in names) / len(names)


def sample(params, rng, temperature=1.0, config=DEFAULT):
    """A name made up by the model: from the boundary, draw each next token from softmax(logits / temperature)
    until it draws the boundary again. Low temperatures pick the likeliest letters, high ones anything."""
    cache, token, letters = new_cache(config), BOUNDARY, []
    for pos in range(config.block_size):
        logits = gpt(params, token, pos, cache, config)
        probs = softmax([v * (1 / temperature) for v in logits])
        token = rng.choices(range(VOCAB), weights=[p.data for p in probs])[0]
        if token == BOUNDARY:
            break
        letters.append(CHARS[token])
    return "".join(letters)
