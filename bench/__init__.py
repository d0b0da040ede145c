"""The performance benchmark on SYNTHETIC catalogues; `bench/run.py` runs it and lists its parts."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
