"""Where a py-spy profile's time goes: inclusive and own share of each function.

    python bench/flame.py PROFILE.txt [--top 40] [--match WORD ...]

PROFILE.txt is py-spy's collapsed output (`py-spy record -f raw`, as write_endpoints.py
--profile records it). Inclusive: the share of samples with the function anywhere on the
stack (counted once per sample); own: the share where it is the innermost frame. Idle
samples (the event loop waiting in epoll) count in the total, so the shares are of
wall-clock time of the sampled thread.
"""

import argparse
import re
from collections import Counter
from pathlib import Path

LINE = re.compile(r" \(([^:)]*):?\d*\)")  # "func (path/file.py:123)" -> "func (path/file.py)"


def frames(stack: str) -> list[str]:
    return [LINE.sub(r" (\1)", frame) for frame in stack.split(";")]


def summary(path: Path) -> tuple[int, Counter[str], Counter[str]]:
    total, inclusive, own = 0, Counter[str](), Counter[str]()
    for line in path.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack:
            continue
        samples = int(count)
        names = frames(stack)
        total += samples
        own[names[-1]] += samples
        for name in set(names):
            inclusive[name] += samples
    return total, inclusive, own


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("profile", type=Path)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--match", nargs="*", default=[], help="only functions naming these")
    arguments = parser.parse_args()
    total, inclusive, own = summary(arguments.profile)
    print(f"{total} samples")
    for title, counts in (("inclusive", inclusive), ("own", own)):
        print(f"\n{title}:")
        shown = [
            (name, n)
            for name, n in counts.most_common()
            if not arguments.match or any(word in name for word in arguments.match)
        ]
        for name, n in shown[: arguments.top]:
            print(f"{100 * n / total:6.1f}%  {name}")


if __name__ == "__main__":
    main()
