"""`make bench`: the benchmarks, each printed beside a baseline measured in the same run.

`python -m benchmarks intake` runs only the alert intake one (it needs no history)."""

import sys

from benchmarks import intake, sla

if __name__ == "__main__":
    only = sys.argv[1:]
    if not only or "sla" in only:
        sla.main()
    else:
        sla.setup()
    if not only or "intake" in only:
        intake.main()
