"""The vectorised CRC equals the byte-at-a-time one (CRC-16/ARC) on any bytes."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from miler.adapters.files.crc import crc16, crc16_reference


def test_the_check_value_of_crc16_arc() -> None:
    # The catalogue check value of CRC-16/ARC: crc("123456789") = 0xBB3D.
    assert crc16_reference(b"123456789") == 0xBB3D
    assert crc16(b"123456789" * 100) == crc16_reference(b"123456789" * 100)


@given(st.binary(min_size=0, max_size=5000))
def test_fast_crc_equals_the_reference(data: bytes) -> None:
    assert crc16(data) == crc16_reference(data)


def test_a_file_followed_by_its_crc_checks_to_zero() -> None:
    data = bytes(range(256)) * 7
    crc = crc16(data)
    assert crc16(data + crc.to_bytes(2, "little")) == 0
