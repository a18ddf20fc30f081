"""The `milagro` command: run the platform locally and look inside it."""

import argparse
import asyncio
import sys

from milagro_kit.cli import status, up


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="milagro", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    start = commands.add_parser("up", help="run the whole platform locally until Ctrl-C")
    start.add_argument("--demo", action="store_true", help="load a small demo data set")
    commands.add_parser("status", help="services, streams, consumers, backlog, dead letters")
    args = parser.parse_args(argv)
    try:
        if args.command == "up":
            sys.exit(up.run(with_demo=args.demo))
        if args.command == "status":
            sys.exit(asyncio.run(status.run()))
    except KeyboardInterrupt:
        sys.exit(130)
