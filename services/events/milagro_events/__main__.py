from milagro_events.service import service
from milagro_kit.runner import main as run


def main() -> None:
    run(service)


if __name__ == "__main__":
    main()
