"""The tiny GPT of the course's last page (site_src/pyodide/modules/tinygpt.py), in CPython: its shapes, that it is
causal, that backward() gives the gradients finite differences measure, that it learns, and that sampling is
reproducible. The page's own editors and playground: tests/unit/test_gpt_page.py."""

import math
import random

import pytest

from first_names import NAMES, split
from tinygpt import (BOUNDARY, VOCAB, Adam, Config, cross_entropy, decode, encode, forward, init, loss, mean_loss,
                     parameters, sample, softmax, train_step)
from micrograd.engine import Value

TINY = Config(n_embd=4, n_head=2, n_layer=2, block_size=8)


def test_the_data_is_thousands_of_lowercase_names_split_without_overlap():
    assert len(NAMES) == len(set(NAMES)) == 5163
    assert all(name.isascii() and name.isalpha() and name.islower() for name in NAMES)
    train, val = split()
    assert (len(train), len(val)) == (4647, 516) and not set(train) & set(val)
    assert split() == (train, val) and split(seed=1) != (train, val)


def test_tokens_round_trip_with_the_boundary_around_the_name():
    assert VOCAB == 27 and encode("emma") == [BOUNDARY, 5, 13, 13, 1, BOUNDARY]
    assert decode(encode("zoe")) == "zoe"


@pytest.mark.parametrize("config,count", [(Config(), 4192), (Config(n_layer=2), 7264)])
def test_forward_gives_27_logits_per_position(config, count):
    params = init(config, seed=0)
    assert len(parameters(params)) == count
    assert len({id(p) for p in parameters(params)}) == count
    logits = forward(params, encode("emma")[:-1], config)
    assert [len(row) for row in logits] == [VOCAB] * 5
    assert all(isinstance(v, Value) for row in logits for v in row)


def data(rows):
    return [[v.data for v in row] for row in rows]


def test_a_position_never_sees_a_later_one():
    params = init(TINY, seed=3)
    a = forward(params, encode("emma")[:-1], TINY)
    b = forward(params, encode("emmy")[:-1], TINY)  # differs at the last position only
    c = forward(params, encode("amma")[:-1], TINY)  # differs at position 1
    assert data(a)[:4] == data(b)[:4] and data(a)[4] != data(b)[4]
    assert data(a)[:1] == data(c)[:1] and all(x != y for x, y in zip(data(a)[1:], data(c)[1:]))


def test_softmax_and_cross_entropy_stay_finite_for_large_scores():
    logits = [Value(1000.0), Value(999.0), Value(-1000.0)]
    probs = [p.data for p in softmax(logits)]
    assert math.isclose(sum(probs), 1) and math.isclose(probs[0], 1 / (1 + math.exp(-1)))
    assert math.isclose(cross_entropy(logits, 1).data, -math.log(probs[1]))


def test_an_untrained_model_is_near_the_uniform_loss():
    params = init(Config(), seed=42)
    assert abs(mean_loss(params, NAMES[:20]) - math.log(27)) < 0.1


@pytest.mark.parametrize("fast", [True, False])
def test_gradients_match_finite_differences_on_a_tiny_model(fast):
    config = Config(n_embd=4, n_head=2, n_layer=2, block_size=8, fast=fast)
    params = init(config, seed=5)
    for p in parameters(params):
        p.data *= 10  # larger weights: the attention weights are far from uniform, every path matters
    loss(params, "anna", config).backward()
    rng = random.Random(0)
    checked = rng.sample(parameters(params), 40)
    h = 1e-5
    for p in checked:
        p.data += h
        up = loss(params, "anna", config).data
        p.data -= 2 * h
        down = loss(params, "anna", config).data
        p.data += h
        assert math.isclose(p.grad, (up - down) / (2 * h), rel_tol=1e-4, abs_tol=1e-7)
    assert sum(abs(p.grad) > 1e-6 for p in checked) > 20  # the check compared real gradients


def test_the_fast_path_and_micrograds_nodes_give_the_same_numbers():
    fast, slow = init(Config(), seed=8), init(Config(fast=False), seed=8)
    a, b = loss(fast, "olivia", Config()), loss(slow, "olivia", Config(fast=False))
    a.backward(), b.backward()
    assert math.isclose(a.data, b.data, rel_tol=1e-12)
    assert all(math.isclose(p.grad, q.grad, rel_tol=1e-9, abs_tol=1e-12)
               for p, q in zip(parameters(fast), parameters(slow)))


def test_the_loss_falls_over_50_steps_with_a_fixed_seed():
    train, _ = split()
    params = init(Config(), seed=42)
    optimizer = Adam(parameters(params))
    watched = train[:30]
    before = mean_loss(params, watched)
    losses = [train_step(params, optimizer, train[k], lr=0.01) for k in range(50)]
    after = mean_loss(params, watched)
    assert after < before - 0.4, (before, after)
    assert sum(losses[-10:]) < sum(losses[:10])
    assert all(p.grad == 0 for p in parameters(params))  # Adam's step resets the gradients


def test_sampling_is_reproducible_from_a_seed():
    params = init(TINY, seed=1)
    names = [sample(params, random.Random(7), 1.0, TINY) for _ in range(2)]
    assert names[0] == names[1]
    many = [sample(params, random.Random(seed), 1.0, TINY) for seed in range(20)]
    assert len(set(many)) > 10 and all(set(n) <= set("abcdefghijklmnopqrstuvwxyz") for n in many)
    assert all(len(n) <= TINY.block_size for n in many)

