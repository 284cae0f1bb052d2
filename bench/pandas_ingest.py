"""The pandas peer of the ingest benchmark: read_csv of the headerless Taobao layout with explicit dtypes,
then to Parquet when pyarrow (or fastparquet) is installed; otherwise the read alone, and it says so.

usage: pandas_ingest.py CSV OUT.parquet -> one JSON line
"""
import json
import sys
import time

import pandas as pd

start = time.perf_counter()
frame = pd.read_csv(sys.argv[1], header=None, names=["user", "item", "category", "behavior", "ts"],
                    dtype={"user": "int64", "item": "int64", "category": "int64", "behavior": "category", "ts": "int64"})
try:
    frame.to_parquet(sys.argv[2])
    step = "read_csv + to_parquet"
except ImportError:
    step = "read_csv only (no pyarrow/fastparquet: Debian has no python3-pyarrow)"
print(json.dumps({"tool": "pandas " + pd.__version__, "step": step, "rows": len(frame),
                  "seconds": time.perf_counter() - start}))
