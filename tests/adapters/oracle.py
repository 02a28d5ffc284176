"""fitdecode (MIT) as the oracle: what it reads from a FIT file's records, laps and sessions.

Slow (pure Python, ~0.4 MB/s), so the tests use it on the smaller healthy files only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

FIT_EPOCH_UNIX_S = 631065600  # 1989-12-31T00:00:00Z
FIELDS = ("timestamp", "distance", "heart_rate", "position_lat", "position_long",
          "enhanced_speed", "speed")


def fitdecode_records(path: Path) -> dict[str, Any]:
    """Record columns (None -> NaN), lap and session counts, as fitdecode 0.11 reads them."""
    import fitdecode

    cols: dict[str, list[float]] = {name: [] for name in FIELDS}
    laps = sessions = 0
    with fitdecode.FitReader(str(path), check_crc=fitdecode.CrcCheck.DISABLED) as fit:
        for frame in fit:
            if not isinstance(frame, fitdecode.FitDataMessage):
                continue
            if frame.name == "lap":
                laps += 1
            elif frame.name == "session":
                sessions += 1
            elif frame.name == "record":
                for name in FIELDS:
                    value = frame.get_value(name, fallback=None) if frame.has_field(name) \
                        else None
                    if name == "timestamp" and value is not None:
                        # A compressed timestamp comes back as FIT seconds, not a datetime.
                        value = value.timestamp() if hasattr(value, "timestamp") \
                            else value + FIT_EPOCH_UNIX_S
                    cols[name].append(np.nan if value is None else float(value))
    out: dict[str, Any] = {name: np.asarray(v, dtype=float) for name, v in cols.items()}
    out["laps"], out["sessions"] = laps, sessions
    return out
