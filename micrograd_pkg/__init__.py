"""micrograd: a tiny scalar autograd engine with a small neural-net library on top."""
