"""`make bench`: the benchmarks, each printed beside a baseline measured in the same run.

`python -m benchmarks intake` (or `backlog`, `http`) runs only that one; the others need the filled history."""

import sys

from benchmarks import backlog, http, intake, sla

if __name__ == "__main__":
    only = sys.argv[1:]
    if not only or "sla" in only:
        sla.main()
    else:
        sla.setup()
    if not only or "backlog" in only:
        backlog.main()
    if not only or "intake" in only:
        intake.main()
    if not only or "http" in only:
        http.main()
