"""The `milagro` command: run the platform locally and look inside it."""

import argparse
import asyncio
import sys

from milagro_kit.cli import observatory, status, token, up


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="milagro", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    start = commands.add_parser("up", help="run the whole platform locally until Ctrl-C")
    start.add_argument("--demo", action="store_true", help="load a small demo data set")
    commands.add_parser("status", help="services, streams, consumers, backlog, dead letters")
    mint = commands.add_parser("token", help="mint a development bearer token (local key)")
    mint.add_argument("--partner", help="partner code, e.g. IT-SIENA")
    mint.add_argument("--role", action="append", default=[], dest="roles", help="repeatable")
    mint.add_argument("--service", help="a service credential, e.g. notifier")
    mint.add_argument("--ttl", default="8h", help="lifetime: 90s, 15m, 8h, 7d (default 8h)")
    mint.add_argument("--subject", help="the sub claim (default derived)")
    obs = commands.add_parser("observatory", help="operate the observatory")
    obs.add_argument("action", choices=["rebuild"], help="rebuild: replay every projection")
    args = parser.parse_args(argv)
    try:
        if args.command == "up":
            sys.exit(up.run(with_demo=args.demo))
        if args.command == "observatory":
            sys.exit(observatory.rebuild())
        if args.command == "status":
            sys.exit(asyncio.run(status.run()))
        if args.command == "token":
            sys.exit(
                token.run(
                    partner=args.partner,
                    roles=args.roles,
                    service=args.service,
                    ttl=args.ttl,
                    subject=args.subject,
                )
            )
    except KeyboardInterrupt:
        sys.exit(130)
