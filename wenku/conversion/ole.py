"""A small, bounded reader for OLE2 / Compound File Binary containers ([MS-CFB]).

Legacy Office (.doc/.xls/.ppt), WPS (.wps/.et/.dps) and encrypted OOXML files are OLE2
containers. Sniffing only needs the directory (stream names) and the first bytes of a few
streams, so this reads headers and sector chains lazily, with hard limits on every loop:
a hostile file can make it raise OleError, never spin or allocate much.
"""

from __future__ import annotations

import struct
from typing import BinaryIO

MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

FREESECT = 0xFFFFFFFF
ENDOFCHAIN = 0xFFFFFFFE
MAX_REGULAR = 0xFFFFFFFA
MAX_DIR_ENTRIES = 20_000
MAX_READ = 64 << 20  # bytes read from one chain, at most


class OleError(Exception):
    """The container is malformed."""


class OleFile:
    """Directory and stream access for a CFB file opened in binary mode (not closed here)."""

    def __init__(self, fh: BinaryIO, size: int) -> None:
        self.fh = fh
        self.size = size
        header = self._read_at(0, 512)
        if len(header) < 512 or header[:8] != MAGIC:
            raise OleError("not an OLE2 file")
        (shift,) = struct.unpack_from("<H", header, 0x1E)
        (mini_shift,) = struct.unpack_from("<H", header, 0x20)
        if shift not in (9, 12) or mini_shift != 6:
            raise OleError("bad sector size")
        self.sector_size = 1 << shift
        self.mini_size = 1 << mini_shift
        (
            self.num_fat,
            self.first_dir,
            _txn,
            self.mini_cutoff,
            self.first_minifat,
            self.num_minifat,
            self.first_difat,
            self.num_difat,
        ) = struct.unpack_from("<8I", header, 0x2C)
        if self.mini_cutoff != 4096:
            raise OleError("bad mini stream cutoff")
        max_sectors = size // self.sector_size + 1
        if self.num_fat > max_sectors or self.num_difat > max_sectors:
            raise OleError("FAT larger than the file")
        difat = list(struct.unpack_from("<109I", header, 0x4C))
        sect, seen = self.first_difat, 0
        per = self.sector_size // 4 - 1
        while sect <= MAX_REGULAR and seen < self.num_difat:
            data = self._sector(sect)
            entries = struct.unpack(f"<{per + 1}I", data)
            difat.extend(entries[:per])
            sect = entries[per]
            seen += 1
        self._fat_sectors = [s for s in difat[: self.num_fat] if s <= MAX_REGULAR]
        self._fat_cache: dict[int, tuple[int, ...]] = {}
        self.entries = self._read_directory()
        self._minifat: list[int] | None = None
        self._ministream: bytes | None = None

    # --- low level -------------------------------------------------------------------
    def _read_at(self, offset: int, length: int) -> bytes:
        self.fh.seek(offset)
        return self.fh.read(length)

    def _sector(self, sect: int) -> bytes:
        offset = (sect + 1) * self.sector_size
        if sect > MAX_REGULAR or offset + self.sector_size > self.size + self.sector_size:
            raise OleError(f"sector {sect} outside the file")
        data = self._read_at(offset, self.sector_size)
        if len(data) < self.sector_size:
            data += b"\0" * (self.sector_size - len(data))  # truncated last sector
        return data

    def _fat_next(self, sect: int) -> int:
        per = self.sector_size // 4
        index, pos = divmod(sect, per)
        if index >= len(self._fat_sectors):
            raise OleError("FAT reference out of range")
        table = self._fat_cache.get(index)
        if table is None:
            table = struct.unpack(f"<{per}I", self._sector(self._fat_sectors[index]))
            self._fat_cache[index] = table
        return table[pos]

    def _chain(self, start: int, limit_bytes: int = MAX_READ) -> bytes:
        out = bytearray()
        sect, steps = start, 0
        max_steps = self.size // self.sector_size + 2  # a longer chain must loop
        while sect <= MAX_REGULAR:
            out += self._sector(sect)
            steps += 1
            if steps > max_steps or len(out) > MAX_READ:
                raise OleError("sector chain too long (loop?)")
            if len(out) >= limit_bytes:
                break
            sect = self._fat_next(sect)
        return bytes(out)

    def _read_directory(self) -> list[dict]:
        entries: list[dict] = []
        sect, steps = self.first_dir, 0
        while sect <= MAX_REGULAR:
            data = self._sector(sect)
            for i in range(0, self.sector_size, 128):
                raw = data[i : i + 128]
                name_len, kind = struct.unpack_from("<HB", raw, 0x40)
                name = raw[: max(0, min(name_len, 64) - 2)].decode("utf-16-le", "replace")
                start, size_lo, size_hi = struct.unpack_from("<3I", raw, 0x74)
                size = size_lo if self.sector_size == 512 else size_lo | (size_hi << 32)
                entries.append({"name": name, "type": kind, "start": start, "size": size})
            steps += 1
            if len(entries) > MAX_DIR_ENTRIES:
                raise OleError("directory too large")
            sect = self._fat_next(sect)
        if not entries or entries[0]["type"] != 5:
            raise OleError("no root entry")
        return entries

    # --- public ----------------------------------------------------------------------
    def stream_names(self) -> set[str]:
        """Names of all streams and storages (type 1 = storage, 2 = stream), any depth."""
        return {e["name"] for e in self.entries if e["type"] in (1, 2) and e["name"]}

    def read_stream(self, name: str, limit: int = 4096) -> bytes:
        """The first `limit` bytes of the first stream called `name`."""
        for entry in self.entries:
            if entry["type"] == 2 and entry["name"] == name:
                return self._read_entry(entry, limit)
        raise KeyError(name)

    def _read_entry(self, entry: dict, limit: int) -> bytes:
        size = min(entry["size"], limit)
        if entry["size"] >= self.mini_cutoff:
            return self._chain(entry["start"], size)[:size]
        # Small streams live in the mini stream (the root entry's chain), 64-byte sectors.
        if self._minifat is None:
            raw = self._chain(self.first_minifat) if self.first_minifat <= MAX_REGULAR else b""
            self._minifat = list(struct.unpack(f"<{len(raw) // 4}I", raw))
            root = self.entries[0]
            self._ministream = (
                self._chain(root["start"], root["size"]) if root["start"] <= MAX_REGULAR else b""
            )
        out = bytearray()
        sect, steps = entry["start"], 0
        while sect <= MAX_REGULAR and len(out) < size:
            offset = sect * self.mini_size
            out += self._ministream[offset : offset + self.mini_size]
            steps += 1
            if steps > len(self._minifat) or sect >= len(self._minifat):
                raise OleError("bad mini chain")
            sect = self._minifat[sect]
        return bytes(out[:size])
