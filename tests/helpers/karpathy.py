"""karpathy's micrograd 0.1.0, the reference our engine is checked and timed against, as `karpathy_micrograd`.

It is not installed: its package is called `micrograd`, like ours. scripts/setup downloads its wheel (REQUIREMENT,
with pip, once) into .cache/reference/, and `load()` imports the wheel's engine.py and nn.py straight from the zip
under a name of their own, so both engines can be used side by side. Plain Python: the engine benchmark runs this
in Pyodide too.

    mg = load()
    model = mg.nn.MLP(2, [16, 16, 1])  # karpathy's MLP, on karpathy's Value
"""

import sys
import types
import zipfile
from pathlib import Path

NAME = "karpathy_micrograd"
REQUIREMENT = "micrograd==0.1.0"
# The repository's .cache (`.parent`, not `.parents[2]`: in the benchmark's Pyodide this file sits at /bench/).
WHEEL = Path(__file__).resolve().parent.parent.parent / ".cache" / "reference" / "micrograd-0.1.0-py3-none-any.whl"


def load(wheel=WHEEL):
    """The package `karpathy_micrograd`, with its modules `engine` and `nn`, imported from `wheel` (once)."""
    if NAME in sys.modules:
        return sys.modules[NAME]
    if not Path(wheel).is_file():
        raise FileNotFoundError(f"{wheel} is missing: scripts/setup downloads it ({REQUIREMENT}) with pip")
    package = types.ModuleType(NAME)
    package.__path__ = []
    with zipfile.ZipFile(wheel) as files:
        for name in ("engine", "nn"):  # nn imports engine
            # nn.py says `from micrograd.engine import Value`: here that must be the wheel's engine, not ours.
            source = files.read(f"micrograd/{name}.py").decode().replace("from micrograd.", f"from {NAME}.")
            module = types.ModuleType(f"{NAME}.{name}")
            module.__file__ = f"{wheel}/micrograd/{name}.py"
            sys.modules[module.__name__] = module
            exec(compile(source, module.__file__, "exec"), module.__dict__)
            setattr(package, name, module)
    if package.nn.Value is not package.engine.Value:  # else a "reference" on our engine would check nothing
        raise ImportError(f"{NAME}.nn does not use {NAME}.engine's Value")
    sys.modules[NAME] = package
    return package


def notebook_loss(model, Value, X, y, total=sum, alpha=1e-4):
    """The demo notebook's `loss()` as karpathy typed it, for any engine: `Value` wraps the inputs, `total` adds
    up many Values (`sum`, or our `Value.sum`). micrograd.demo.svm_loss must give the same numbers."""
    inputs = [list(map(Value, xrow)) for xrow in X]
    scores = list(map(model, inputs))
    losses = [(1 + -yi*scorei).relu() for yi, scorei in zip(y, scores)]
    data_loss = total(losses) * (1.0 / len(losses))
    reg_loss = alpha * total((p*p for p in model.parameters()))
    return data_loss + reg_loss
