"""The committed schemas and AsyncAPI document are what the code exports."""

from milagro_contracts import export

FIX = "run `uv run milagro-contracts export` and commit the result"
RENDERED = export.rendered()


def test_exported_files_are_current() -> None:
    stale = [
        str(path.relative_to(export.ROOT))
        for path, text in RENDERED.items()
        if not path.exists() or path.read_text() != text
    ]
    assert not stale, f"stale or missing exports {stale}: {FIX}"


def test_no_schema_is_left_over() -> None:
    expected = set(RENDERED)
    left_over = [p.name for p in export.SCHEMAS.glob("*.json") if p not in expected]
    assert not left_over, f"schemas of no current event {left_over}: {FIX}"
