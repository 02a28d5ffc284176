"""Hostile inputs, built by the tests themselves (no committed binaries): each is small on
the wire and was, before issue 17, large in memory or time."""

from __future__ import annotations

import struct
import zlib

from miler.adapters.files.crc import crc16


def fit(data: bytes) -> bytes:
    """A FIT file around ``data`` (records), with a valid header and CRCs."""
    header = struct.pack("<BBHI4s", 14, 0x10, 2093, len(data), b".FIT")
    header += struct.pack("<H", crc16(header))
    body = header + data
    return body + struct.pack("<H", crc16(body))


def definition(local: int, global_num: int = 20) -> bytes:
    """A definition message: one field, heart_rate (3), 1 byte, uint8."""
    return bytes([0x40 | local, 0, 0]) + struct.pack("<H", global_num) + bytes([1, 3, 1, 2])


def one_byte_messages(count: int) -> bytes:
    """A FIT of ``count`` one-byte data messages: 2 GB of Python ints per 8 MB before."""
    return fit(definition(0) + bytes([0x00, 140]) * count)


def redefinitions(size: int) -> bytes:
    """A FIT that keeps redefining local type 3 with compressed timestamps: quadratic before
    (1 MB took 4.7 s, 2 MB 32.7 s)."""
    unit = definition(3) + bytes([0xE0, 130])
    return fit(unit * (size // len(unit)))


def gzip_bomb(unpacked: int, name: str = "fit") -> bytes:
    """A gzip that unpacks to ``unpacked`` bytes of one-byte FIT messages (a few hundred KB
    on the wire), or of GPX whitespace."""
    if name == "fit":
        body = one_byte_messages(unpacked // 2)
    else:
        body = b"<?xml version='1.0'?><gpx>" + b" " * unpacked + b"</gpx>"
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: a gzip stream
    return packer.compress(body) + packer.flush()


def tcx_distance_jump(to_m: float) -> bytes:
    """A 600-byte TCX whose distance jumps to ``to_m``: 62,000 mile splits at 1e8 before."""
    points = "".join(f"<Trackpoint><Time>2024-01-01T10:{m:02d}:00Z</Time><DistanceMeters>"
                     f"{d}</DistanceMeters></Trackpoint>"
                     for m, d in ((0, 0), (1, 250), (2, 500), (3, to_m)))
    return ('<?xml version="1.0"?><TrainingCenterDatabase xmlns="http://www.garmin.com/'
            'xmlschemas/TrainingCenterDatabase/v2"><Activities><Activity Sport="Running">'
            '<Id>2024-01-01T10:00:00Z</Id><Lap StartTime="2024-01-01T10:00:00Z"><Track>'
            + points + "</Track></Lap></Activity></Activities></TrainingCenterDatabase>"
            ).encode()


def gpx_dated(year: int) -> bytes:
    """A GPX run in ``year`` (9999 overflowed the time zone arithmetic east of UTC)."""
    points = "".join(f'<trkpt lat="51.5" lon="{-0.1 + k * 1e-4:.4f}"><time>{year}-12-31T23:'
                     f'{k:02d}:00Z</time></trkpt>' for k in range(5))
    return (f'<?xml version="1.0"?><gpx version="1.1" creator="t" xmlns="http://www.topografix'
            f'.com/GPX/1/1"><trk><type>running</type><trkseg>{points}</trkseg></trk></gpx>'
            ).encode()


def xml_entities() -> bytes:
    """A billion laughs."""
    lol = "".join(f'<!ENTITY l{k} "{("&l" + str(k - 1) + ";") * 10}">' for k in range(1, 10))
    return (f'<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY l0 "lol">{lol}]>'
            f"<gpx>&l9;</gpx>").encode()


__all__ = ["definition", "fit", "gpx_dated", "gzip_bomb", "one_byte_messages", "redefinitions",
           "tcx_distance_jump", "xml_entities"]
