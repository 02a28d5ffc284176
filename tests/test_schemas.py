"""The JSON contracts ship in the package (``miler/data/schemas``): ``miler schema`` prints
them, the tests validate against them, and they are the contract's own text."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest

from miler.data import SCHEMAS, schema, schema_text
from tests.conftest import SCHEMAS as SHARED_SCHEMAS


@pytest.mark.parametrize("name", SCHEMAS)
def test_each_packaged_schema_is_a_json_schema(name: str) -> None:
    doc = schema(name)
    jsonschema.Draft202012Validator.check_schema(doc)
    assert doc["$id"].endswith(f"{name}.schema.json") or "title" in doc


@pytest.mark.skipif(not SHARED_SCHEMAS.is_dir(),
                    reason="../shared/schemas is not beside the project (a bare clone): the "
                           "packaged copies stand on their own")
def test_every_shared_schema_has_an_identical_packaged_copy() -> None:
    shared = sorted(SHARED_SCHEMAS.glob("*.schema.json"))
    assert shared, "../shared/schemas holds no schema"
    for path in shared:
        name = path.name.removesuffix(".schema.json")
        assert schema_text(name) == path.read_text(encoding="utf-8"), path.name


@pytest.mark.parametrize("name", SCHEMAS)
def test_miler_schema_prints_the_packaged_copy(cli: Any, name: str) -> None:
    code, out, err = cli("schema", name)
    assert (code, err) == (0, "")
    assert json.loads(out) == schema(name)


def test_an_unknown_schema_is_a_bad_argument(cli: Any) -> None:
    assert cli("schema", "nonsense") == (
        2, "", f"miler: error: NAME must be one of {', '.join(SCHEMAS)}, got 'nonsense'\n")
