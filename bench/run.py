"""Run the benchmarks: `make bench` (or `python -m bench.run [--leads N]`).

Each prints the measured time, a floor measured in the same run, and the
ratio. Nothing here asserts on time: machines are noisy; read the ratio.
"""

from __future__ import annotations

import argparse

from bench import bench_import, bench_leads, bench_queue, bench_report, bench_seed, bench_sync


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--leads", type=int, default=100_000)
    args = parser.parse_args()
    print(bench_seed.run(args.leads).line(), flush=True)
    for result in bench_queue.run(args.leads):
        print(result.line(), flush=True)
    for result in bench_leads.run(args.leads):
        print(result.line(), flush=True)
    for result in [*bench_import.run(args.leads), *bench_import.run_xlsx(args.leads)]:
        print(result.line(), flush=True)
    for result in bench_report.run():
        print(result.line(), flush=True)
    for result in bench_sync.run(args.leads):
        print(result.line(), flush=True)


if __name__ == "__main__":
    main()
