from __future__ import annotations

import errno
import os
import re
import stat
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from miler.adapters.exports import atomic
from miler.adapters.exports.pace_band import band_svg, write_pace_band
from miler.domain.race import Strategy, Venue, plan_race
from miler.errors import ExportError, InvalidInputError

SVG = "{http://www.w3.org/2000/svg}"
# The 7:00 track plan's lap splits and checkpoint times, to the tenth (see tests/domain).
LAP_SPLITS = ["1:47.8", "1:43.4", "1:45.9", "1:42.9"]
ELAPSED = ["54.6", "1:47.8", "2:39.5", "3:31.2", "4:24.2", "5:17.1", "5:43.1", "6:09.0",
           "6:34.6", "7:00.0"]
A4_LANDSCAPE_PT = (841.89, 595.28)  # 297 x 210 mm at 72 pt per inch


def _texts(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return [el.text or "" for el in root.iter(f"{SVG}text")]


def test_svg_is_a_band_of_stated_size_with_the_splits(tmp_path: Path) -> None:
    path = write_pace_band(plan_race(420), tmp_path / "band.svg")
    svg = path.read_text(encoding="utf-8")
    root = ET.fromstring(svg)
    assert (root.get("width"), root.get("height"), root.get("viewBox")) == (
        "200mm", "25mm", "0 0 200 25")
    texts = _texts(svg)
    assert texts[0] == "7:00"
    assert all(split in texts for split in LAP_SPLITS)
    assert [t for t in texts if t in ELAPSED or t == "1:47.8"][-10:] == ELAPSED
    assert [t for t in texts if t.startswith("+2")] == ["+26.0", "+25.8", "+25.6", "+25.4"]
    assert {"on pace", "bell", "sprint", "finish", "stretch 6:58"} <= set(texts)


def test_svg_escapes_and_shows_even_road_plans() -> None:
    texts = _texts(band_svg(plan_race(419.99, Venue.ROAD, Strategy.EVEN)))
    assert texts[0] == "6:59.99"
    assert "mile · road · even" in texts
    assert "13/16 mi" in texts


def test_html_page_holds_the_band_and_print_instructions(tmp_path: Path) -> None:
    html = write_pace_band(plan_race(420), tmp_path / "band.HTML").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "@page { size: A4 landscape" in html
    svg = html[html.index("<svg"):html.index("</svg>") + len("</svg>")]
    assert all(split in _texts(svg) for split in LAP_SPLITS)
    assert "Print at 100%" in html
    assert "200 x 25 mm" in html


def test_pdf_is_an_a4_landscape_page_with_the_goal_and_splits(tmp_path: Path) -> None:
    data = write_pace_band(plan_race(420), tmp_path / "band.pdf").read_bytes()
    assert data.startswith(b"%PDF-")
    box = re.search(rb"/MediaBox\s*\[\s*([-\d.\s]+)\]", data)
    assert box is not None
    x0, y0, width, height = (float(v) for v in box.group(1).split())
    assert (x0, y0) == (0, 0)
    assert (width, height) == pytest.approx(A4_LANDSCAPE_PT, abs=0.01)
    # Page content is written uncompressed, so the text is there to find.
    assert b"(7:00)" in data
    assert all(f"({split})".encode() in data for split in LAP_SPLITS)
    assert b"Pace band: 7:00 mile, track, seed lap shape" in data


def test_unknown_suffix_is_bad_input_and_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError) as info:
        write_pace_band(plan_race(420), tmp_path / "band.png")
    assert str(info.value) == (
        f"band must end in .svg, .html, .pdf, got '{tmp_path / 'band.png'}'")
    assert list(tmp_path.iterdir()) == []


def test_a_directory_given_as_the_file_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "band.svg"
    folder.mkdir()
    with pytest.raises(ExportError) as info:
        write_pace_band(plan_race(420), folder)
    assert str(info.value) == f"{folder}: is a directory; give a file name"
    assert [p.name for p in tmp_path.iterdir()] == ["band.svg"]
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("where", ["missing/band.svg", "a-file/band.pdf"])
def test_a_path_that_cannot_be_written_is_refused(tmp_path: Path, where: str) -> None:
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    with pytest.raises(ExportError, match=r"folder '.*' does not exist"):
        write_pace_band(plan_race(420), tmp_path / where)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="root can write to a read-only folder")
def test_a_read_only_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.raises(ExportError, match="cannot write here"):
            write_pace_band(plan_race(420), folder / "band.svg")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(stat.S_IRWXU)


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old = tmp_path / "band.svg"
    old.write_text("old band", encoding="utf-8")

    def disk_full(src: str, dst: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", disk_full)
    with pytest.raises(ExportError, match="cannot write: No space left on device"):
        write_pace_band(plan_race(420), old)
    assert [p.name for p in tmp_path.iterdir()] == ["band.svg"]
    assert old.read_text(encoding="utf-8") == "old band"


def test_replacing_a_file_keeps_its_mode_and_new_files_are_readable(tmp_path: Path) -> None:
    new = write_pace_band(plan_race(420), tmp_path / "new.svg")
    assert stat.S_IMODE(new.stat().st_mode) == 0o644
    kept = tmp_path / "kept.svg"
    kept.write_text("old", encoding="utf-8")
    kept.chmod(0o600)
    write_pace_band(plan_race(420), kept)
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert kept.read_text(encoding="utf-8").startswith("<?xml")
