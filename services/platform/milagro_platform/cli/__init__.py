"""The `milagro` command: run the platform locally and look inside it."""

import argparse
import sys


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
    mint.add_argument(
        "--participant", help="the caller's own registry id (a mediator, coach or newcomer)"
    )
    command = commands.add_parser(
        "run",
        help="run a service's command against the local platform, e.g. `run observatory rebuild`",
    )
    command.add_argument("service", help="registry, events, coaching, observatory, notifier ...")
    command.add_argument("arguments", nargs=argparse.REMAINDER, help="`milagro-<service>` ones")
    args = parser.parse_args(argv)
    # Each command's module is imported when it runs: `status` answers at once, without the
    # seconds the services' code takes to import on a loaded machine.
    try:
        if args.command == "up":
            from milagro_platform.cli import up

            sys.exit(up.run(with_demo=args.demo))
        if args.command == "run":
            from milagro_platform.cli import run

            sys.exit(run.run(args.service, args.arguments))
        if args.command == "status":
            from milagro_platform.cli import status

            sys.exit(status.run())
        if args.command == "token":
            from milagro_platform.cli import token

            sys.exit(
                token.run(
                    partner=args.partner,
                    roles=args.roles,
                    service=args.service,
                    ttl=args.ttl,
                    subject=args.subject,
                    participant=args.participant,
                )
            )
    except KeyboardInterrupt:
        sys.exit(130)
