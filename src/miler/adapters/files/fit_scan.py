"""A columnar FIT decoder: find every message with one light pass, then decode by numpy.

The pass over the bytes only finds where messages start: a data message's size is fixed by
its definition, so one tight loop looks each size up by header byte (a 256-entry table that
definition messages update) and steps over the message, ~0.2 µs each; definitions, which some
devices repeat before every message, are recognised by their bytes and parsed once. Which
definition each message used is then resolved for all messages at once, and values are read
for all messages of a definition together: their rows are gathered from a strided view of the
file into an (n, size) byte matrix, viewed through a structured dtype built from the definition
(offsets, base types, byte order), and invalid sentinels become NaN. No Python object is made
per record.

Broken files are salvaged or refused here: a file cut short keeps its whole messages, a bad
CRC or a broken chained file is reported, and ``strict`` turns every such note into a
``CorruptFileError`` naming the file, the reason and the byte offset.
"""

from __future__ import annotations

import struct
from array import array
from dataclasses import dataclass, field
from typing import Final

import numpy as np
from numpy.typing import NDArray

from miler.adapters.files.crc import crc16
from miler.errors import CorruptFileError

__all__ = ["MAX_FIT_MESSAGES", "FitMessages", "decode_fit"]

#: A FIT file with more messages than this is not a run (a day of 1 s records is 86,400).
MAX_FIT_MESSAGES: Final = 2_000_000

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

#: Base types (FIT protocol, "base type" byte & 0x1F): numpy kind, size, invalid value.
_BASE: Final[dict[int, tuple[str, int, int | None]]] = {
    0x00: ("u1", 1, 0xFF), 0x01: ("i1", 1, 0x7F), 0x02: ("u1", 1, 0xFF),
    0x03: ("i2", 2, 0x7FFF), 0x04: ("u2", 2, 0xFFFF), 0x05: ("i4", 4, 0x7FFFFFFF),
    0x06: ("u4", 4, 0xFFFFFFFF), 0x08: ("f4", 4, None), 0x09: ("f8", 8, None),
    0x0A: ("u1", 1, 0), 0x0B: ("u2", 2, 0), 0x0C: ("u4", 4, 0), 0x0D: ("u1", 1, 0xFF),
    0x0E: ("i8", 8, 0x7FFFFFFFFFFFFFFF), 0x0F: ("u8", 8, 0xFFFFFFFFFFFFFFFF), 0x10: ("u8", 8, 0),
}
_STRING: Final = 0x07
_BYTE: Final = 0x0D
_TIMESTAMP: Final = 253
_SIGNATURE: Final = b".FIT"


@dataclass(frozen=True, slots=True)
class _Definition:
    global_num: int
    size: int  # bytes of one data message, its header byte included
    fields: tuple[tuple[int, int, int, int], ...]  # (number, offset, size, base type)
    big_endian: bool


def _nans(n: int) -> FloatArray:
    return np.full(n, np.nan)


@dataclass(slots=True)
class FitMessages:
    """Where every data message of a FIT file (or chain of files) is, and its definition."""

    path: str
    buf: bytes
    definitions: list[_Definition] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    strict: bool = False
    _positions: array[int] = field(default_factory=lambda: array("q"))
    _epochs: list[tuple[int, tuple[int, ...]]] = field(default_factory=list)
    _known: dict[_Definition, int] = field(default_factory=dict)
    _seen: dict[bytes, int] = field(default_factory=dict)  # raw definition message -> its id
    _which: dict[int, IntArray] | None = None
    _compressed: bool | None = None

    def problem(self, reason: str, offset: int | None = None) -> None:
        """Refuse the file when strict, else note what was salvaged."""
        if self.strict:
            raise CorruptFileError(self.path, reason, offset)
        where = f" at byte {offset}" if offset is not None else ""
        self.warnings.append(f"{reason}{where}")

    # -- where the messages are -------------------------------------------------------------

    def positions(self, global_num: int | None = None) -> list[tuple[_Definition, IntArray]]:
        """Each definition (of ``global_num``, or all) with the start of each of its messages."""
        by_definition = self._resolve()
        return [(self.definitions[did], starts) for did, starts in by_definition.items()
                if global_num is None or self.definitions[did].global_num == global_num]

    def count(self, global_num: int) -> int:
        return sum(p.size for _, p in self.positions(global_num))

    def _resolve(self) -> dict[int, IntArray]:
        """Every message's start by definition, from its header and the tables in force."""
        if self._which is None:
            starts = np.array(self._positions, dtype=np.int64)  # a copy: scanning may go on
            header = np.frombuffer(self.buf, dtype=np.uint8)[starts].astype(np.int64)
            self._compressed = bool((header & 0x80).any())
            local = np.where(header & 0x80, (header >> 5) & 3, header & 0x0F)
            marks = np.asarray([k for k, _ in self._epochs], dtype=np.int64)
            tables = np.asarray([t for _, t in self._epochs], dtype=np.int64).reshape(-1, 16)
            epoch = np.searchsorted(marks, np.arange(starts.size), side="right") - 1
            which = tables[epoch, local] if starts.size else starts
            if starts.size == 0:
                self._which = {}
                return self._which
            order = np.argsort(which, kind="stable")  # stable: file order within a definition
            ids, first = np.unique(which[order], return_index=True)
            groups = np.split(starts[order], first[1:])
            self._which = {int(did): group for did, group in zip(ids, groups, strict=True)}
        return self._which

    @property
    def compressed_times(self) -> bool:
        self._resolve()
        return bool(self._compressed)

    # -- reading values ---------------------------------------------------------------------

    def columns(self, global_num: int, wanted: dict[int, str]) -> dict[str, FloatArray]:
        """Float columns (NaN where invalid or absent) for ``wanted`` field numbers, in file
        order across every definition of the message; ``_pos`` holds each message's offset."""
        parts = [(pos, self._decode(definition, pos, wanted))
                 for definition, pos in self.positions(global_num)]
        if not parts:
            return {name: np.empty(0) for name in [*wanted.values(), "_pos"]}
        pos = np.concatenate([p for p, _ in parts])
        order = np.argsort(pos, kind="stable")
        # a field no definition has is one array of NaN, made once (not per part, then
        # joined and reordered: a file of millions of bare messages cost gigabytes so)
        cols = {name: (np.concatenate([c.get(name, _nans(p.size)) for p, c in parts])[order]
                       if any(name in c for _, c in parts) else _nans(pos.size))
                for name in wanted.values()}
        cols["_pos"] = pos[order].astype(np.float64)
        if _TIMESTAMP in wanted and self.compressed_times:
            cols[wanted[_TIMESTAMP]] = self._times_at(pos[order], cols[wanted[_TIMESTAMP]])
        return cols

    def strings(self, global_num: int, number: int) -> list[str]:
        """Every value of a string field, in file order of its definitions."""
        found = []
        for definition, pos in self.positions(global_num):
            for num, offset, size, base in definition.fields:
                if num == number and base & 0x1F == _STRING:
                    found += [self.buf[p + offset:p + offset + size].split(b"\0")[0]
                              .decode("utf-8", "replace") for p in pos.tolist()]
        return found

    def _decode(self, definition: _Definition, pos: IntArray,
                wanted: dict[int, str]) -> dict[str, FloatArray]:
        """The fields of ``wanted`` this definition has (the others are left out)."""
        layout = self._layout(definition, wanted)
        n = pos.size
        cols: dict[str, FloatArray] = {}
        if not layout:
            return cols
        dtype = np.dtype({"names": [name for name, *_ in layout],
                          "formats": [fmt for _, fmt, _, _ in layout],
                          "offsets": [off for *_, off, _ in layout],
                          "itemsize": definition.size})
        # Every byte offset as the start of a message-sized row (a view, no copy), then the
        # rows at the messages' starts gathered at once.
        windows = np.ndarray((len(self.buf) - definition.size + 1, definition.size),
                             dtype=np.uint8, buffer=self.buf, strides=(1, 1))
        rows = windows[pos].view(dtype).reshape(n)
        for name, _, _, invalid in layout:
            values = rows[name]
            if values.ndim == 2:  # a byte array: one little-endian number, invalid if all 0xFF
                weights = 256.0 ** np.arange(values.shape[1])
                decoded = values @ weights
                decoded[(values == 0xFF).all(axis=1)] = np.nan
            else:
                decoded = values.astype(np.float64)
                if invalid is not None:
                    decoded[values == invalid] = np.nan
            cols[name] = decoded
        return cols

    def _layout(self, definition: _Definition,
                wanted: dict[int, str]) -> list[tuple[str, object, int, int | None]]:
        order = ">" if definition.big_endian else "<"
        layout: list[tuple[str, object, int, int | None]] = []
        for num, offset, size, base in definition.fields:
            name = wanted.get(num)
            kind = _BASE.get(base & 0x1F)
            if name is None or kind is None or any(item[0] == name for item in layout):
                continue
            code, width, invalid = kind
            if base & 0x1F == _BYTE and 1 < size <= 6:
                layout.append((name, ("u1", (size,)), offset, None))
                continue
            if size < width or size % width:
                self.warnings.append(f"field {num} of message {definition.global_num} is "
                                     f"{size} bytes, not a whole {code}: ignored")
                continue
            layout.append((name, order + code, offset, invalid))  # arrays: first element
        return layout

    def _times_at(self, pos: IntArray, full: FloatArray) -> FloatArray:
        """Timestamps where some messages carry a compressed 5-bit time offset in the header.

        Each compressed time is the last time seen in the file (any message's timestamp or an
        earlier compressed one) rolled forward to the offset, so all messages are walked in
        file order; only old devices write these, and their files are small.
        """
        parts = self.positions()
        every = np.concatenate([p for _, p in parts])
        stamped = np.concatenate([self._decode(d, p, {_TIMESTAMP: "t"}).get("t", _nans(p.size))
                                  for d, p in parts])
        order = np.argsort(every)
        every, stamped = every[order], stamped[order]
        headers = np.frombuffer(self.buf, dtype=np.uint8)[every]
        times = np.full(every.size, np.nan)
        last = None
        for k, (header, stamp) in enumerate(zip(headers.tolist(), stamped.tolist(),
                                                strict=True)):
            if header & 0x80 and last is not None:
                last = last + ((header & 0x1F) - last & 0x1F)
            elif stamp == stamp:  # not NaN
                last = int(stamp)
            times[k] = np.nan if last is None else last
        found = times[np.searchsorted(every, pos)]
        return np.where(np.isnan(full), found, full)

    # -- scanning ---------------------------------------------------------------------------

    def scan(self, pos: int, end: int) -> None:
        """Find every message between ``pos`` and ``end`` (one FIT file's data).

        The inner loop does the least Python can: look up the size of a message from its
        header byte and step over it. Which definition each message used is worked out
        afterwards for all messages at once, from its header byte and the table of local
        types in force (``_epochs`` records the table after each definition message).
        """
        buf = self.buf
        size = [0] * 256  # bytes of a data message by header byte; 0: definition or unknown
        table = [-1] * 16  # local type -> definition, as of now
        starts = array("q")  # 8 bytes a message, not a Python int each
        append = starts.append
        room = MAX_FIT_MESSAGES - len(self._positions)
        self._which = self._compressed = None
        self._epochs.append((len(self._positions), tuple(table)))
        while True:
            if end - pos <= room:  # a message is at least its header byte: no cap to check
                before = len(starts)
                while pos < end:
                    step = size[buf[pos]]
                    if not step:
                        break
                    append(pos)
                    pos += step
                room -= len(starts) - before
            else:
                while pos < end:
                    step = size[buf[pos]]
                    if not step:
                        break
                    append(pos)
                    pos += step
                    room -= 1
                    if not room:
                        break
            if not room:
                self.problem(f"more than {MAX_FIT_MESSAGES:,} messages (no run has that "
                             "many); the rest of the file was dropped", pos)
                break
            if pos >= end:
                break
            if buf[pos] & 0xC0 != 0x40:
                self.problem("a data message uses an undefined local type; the rest of the "
                             "file is unreadable and was dropped", pos)
                break
            local = buf[pos] & 0x0F
            before = table[local]
            pos = self._definition(pos, end, table, size)
            if pos < 0:
                break
            if table[local] != before:  # many devices redefine before every message
                self._epochs.append((len(self._positions) + len(starts), tuple(table)))
        if pos > end:  # the last message runs past the end of the data
            self.problem("the file ends inside a message; the partial message was dropped",
                         starts.pop())
        self._positions.extend(starts)

    def _definition(self, pos: int, end: int, table: list[int], size: list[int]) -> int:
        """Read the definition message at ``pos`` into the tables; returns where it ends."""
        buf = self.buf
        length = _definition_length(buf, pos, end)
        if length < 0:
            self.problem("the file ends inside a definition message", pos)
            return -1
        raw = buf[pos:pos + length]
        did = self._seen.get(raw)
        if did is None:
            did = self._seen[raw] = self._register(raw)
        local = raw[0] & 0x0F
        table[local] = did
        size[local] = self.definitions[did].size
        if local < 4:  # compressed-timestamp headers carry local types 0-3 only
            first = 0x80 + 32 * local  # headers 0x80-0x9F, 0xA0-0xBF, 0xC0-0xDF, 0xE0-0xFF
            size[first:first + 32] = [size[local]] * 32
        return pos + length

    def _register(self, raw: bytes) -> int:
        big = raw[2] == 1
        (global_num,) = struct.unpack_from(">H" if big else "<H", raw, 3)
        fields, offset = [], 1
        for k in range(raw[5]):
            num, width, base = raw[6 + 3 * k:9 + 3 * k]
            fields.append((num, offset, width, base))
            offset += width
        at = 6 + 3 * raw[5]
        if raw[0] & 0x20:  # developer fields: their bytes are stepped over, not read
            offset += sum(raw[at + 2 + 3 * k] for k in range(raw[at]))
        definition = _Definition(global_num, offset, tuple(fields), big)
        did = self._known.get(definition)
        if did is None:
            did = self._known[definition] = len(self.definitions)
            self.definitions.append(definition)
        return did


def _definition_length(buf: bytes, pos: int, end: int) -> int:
    """Bytes of the definition message at ``pos``, or -1 if it runs past ``end``."""
    if pos + 6 > end:
        return -1
    length = 6 + 3 * buf[pos + 5]
    if buf[pos] & 0x20:
        if pos + length >= end:
            return -1
        length += 1 + 3 * buf[pos + length]
    return length if pos + length <= end else -1


def decode_fit(buf: bytes, path: str, strict: bool = False) -> FitMessages:
    """Scan a FIT file and any files chained after it; raise or note what is broken."""
    messages = FitMessages(path, buf, strict=strict)
    if not buf:
        raise CorruptFileError(path, "the file is empty")
    pos = 0
    while pos < len(buf):
        end = _one_file(messages, pos)
        if end is None:
            break
        pos = end
    return messages


def _one_file(messages: FitMessages, pos: int) -> int | None:
    """Scan the FIT file starting at ``pos``; returns where the next one would start."""
    buf, first = messages.buf, pos == 0
    header = _header(messages, pos)
    if header is None:
        return None
    size, data_size = header
    end = pos + size + data_size
    if data_size == 0:
        if not first:
            messages.problem("a chained FIT file declares no data; it was ignored", pos)
            return None
        messages.problem("the header declares no data; reading the bytes after it anyway", 8)
        end = len(buf) - 2
    if end + 2 > len(buf):
        messages.problem(f"the file is cut short ({end + 2 - len(buf)} bytes missing); "
                         "the messages before the cut were kept", len(buf))
        messages.scan(pos + size, min(end, len(buf)))
        return None
    if crc16(memoryview(buf)[pos:end + 2]) != 0:
        messages.problem("the file's CRC does not match its data; values may be damaged", end)
    messages.scan(pos + size, end)
    return end + 2


def _header(messages: FitMessages, pos: int) -> tuple[int, int] | None:
    buf, first = messages.buf, pos == 0
    size = buf[pos]
    if size not in (12, 14) or buf[pos + 8:pos + 12] != _SIGNATURE or pos + size > len(buf):
        if first:
            raise CorruptFileError(messages.path, "not a FIT file (no FIT header)", 0)
        messages.problem(f"{len(buf) - pos} bytes after the FIT data are not a FIT file; "
                         "they were ignored", pos)
        return None
    (data_size,) = struct.unpack_from("<I", buf, pos + 4)
    if size == 14:
        (crc,) = struct.unpack_from("<H", buf, pos + 12)
        # Older devices write 0 here: "no header CRC", which the protocol allows.
        if crc and crc16(buf[pos:pos + 12]) != crc:
            if not first:
                messages.problem("a chained FIT file has a broken header; it was ignored", pos)
                return None
            messages.problem("the header's CRC does not match", pos)
    return size, data_size
