"""``python -m sxs``."""

from .cli import main

main()
