"""Build hook: compiles the name comparison with mypyc when ``SANCTIONWATCH_COMPILE=1``.

``make setup`` does so in a second, non-isolated install, where mypyc sees the
dependencies' types. Any other install stays pure Python and gives the same
results, a little slower (docs/benchmarks.md, Monitoring: current figures).
"""

import os

from setuptools import setup

# Monitoring compares names once per (record, candidate name) pair: these two
# modules hold that loop; compiled, screening costs a sixth fewer instructions.
COMPILED = ["src/sanctionwatch/screening/features.py", "src/sanctionwatch/screening/korean.py"]


def ext_modules() -> list[object]:
    if os.environ.get("SANCTIONWATCH_COMPILE") != "1":
        return []
    from mypyc.build import mypycify

    return list(mypycify(COMPILED, opt_level="3"))


setup(ext_modules=ext_modules())
