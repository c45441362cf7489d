"""`make bench`: the benchmarks, each printed beside a baseline measured in the same run."""

from benchmarks.sla import main

if __name__ == "__main__":
    main()
