from milagro_kit.runner import main as run
from milagro_observatory.service import service


def main() -> None:
    run(service)


if __name__ == "__main__":
    main()
