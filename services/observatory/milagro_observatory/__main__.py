import asyncio
import sys

from milagro_kit.runner import main as run
from milagro_kit.settings import Settings
from milagro_observatory.service import service


def main() -> None:
    if sys.argv[1:2] == ["rebuild"]:
        from milagro_observatory.rebuild import rebuild

        seconds = asyncio.run(rebuild(Settings(service=service.name)))
        print(f"projections rebuilt in {seconds:.1f} s")
        return
    run(service)


if __name__ == "__main__":
    main()
