"""Read and validate the packaged language-data files.

Each file under ``rasd/data/<lang>/`` declares ``version`` and is checked
against a pydantic model when loaded, so a typo in a data file fails loudly,
naming the file and the field, instead of silently matching nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from rasd.errors import DataFileError

ModelT = TypeVar("ModelT", bound=BaseModel)


def data_file_text(lang: str, name: str) -> str:
    """Return the text of packaged data file ``data/<lang>/<name>.yaml`` (``lang`` may be a data folder such as ``gazetteer``)."""
    resource = resources.files("rasd").joinpath("data", lang, f"{name}.yaml")
    try:
        return resource.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise DataFileError(
            f"language data file data/{lang}/{name}.yaml is missing from the rasd package.",
            hint="reinstall rasd (pip install -e .) so the package data is present.",
            source=f"data/{lang}/{name}.yaml",
        ) from exc


def load_data_file(lang: str, name: str, model: type[ModelT]) -> ModelT:
    """Parse ``data/<lang>/<name>.yaml`` and validate it with ``model``."""
    source = f"data/{lang}/{name}.yaml"
    try:
        raw = yaml.safe_load(data_file_text(lang, name))
    except yaml.YAMLError as exc:
        raise DataFileError(
            f"{source} is not valid YAML: {exc}",
            hint="correct the YAML syntax at the line given.",
            source=source,
        ) from exc
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()[:5]
        )
        raise DataFileError(
            f"{source} does not match its schema: {problems}",
            hint="fix the named fields; every entry needs the fields documented at the top of the file.",
            source=source,
        ) from exc


def load_table(folder: str, name: str, columns: Sequence[str]) -> list[dict[str, str]]:
    """Rows of the packaged tab-separated file ``data/<folder>/<name>``, whose header must be ``columns``."""
    source = f"data/{folder}/{name}"
    resource = resources.files("rasd").joinpath("data", folder, name)
    try:
        text = resource.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise DataFileError(f"data file {source} is missing from the rasd package.",
                            hint="reinstall rasd (pip install -e .) so the package data is present.", source=source) from exc
    return parse_table(text, source, columns)


def parse_table(text: str, source: str, columns: Sequence[str]) -> list[dict[str, str]]:
    """Rows of tab-separated ``text``. A wrong header or a row with the wrong number of cells fails
    with ``[E101]`` naming the file and line, like a YAML file that does not validate."""
    lines = text.splitlines()
    if not lines or lines[0].split("\t") != list(columns):
        raise DataFileError(f"{source} must begin with the header {' '.join(columns)!r}.",
                            hint="re-derive the file with the script named in its folder's ATTRIBUTION.md.", source=source)
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        if len(cells) != len(columns):
            raise DataFileError(f"{source} line {number} has {len(cells)} cells, expected {len(columns)}.",
                                hint="every row needs one value per header column, separated by tabs.", source=source)
        rows.append(dict(zip(columns, cells, strict=True)))
    return rows
