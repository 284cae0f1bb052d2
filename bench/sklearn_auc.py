"""The scikit-learn peer of the AUC benchmark: roc_auc_score on the labels and scores cmdcm-bench wrote.

usage: sklearn_auc.py DIR [REPEATS] -> one JSON line (median seconds of REPEATS calls)
"""
import json
import os
import sys
import time

import numpy as np
import sklearn
from sklearn.metrics import roc_auc_score

directory = sys.argv[1]
repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
labels = np.fromfile(os.path.join(directory, "auc-labels.bin"), dtype=np.int8)
scores = np.fromfile(os.path.join(directory, "auc-scores.bin"), dtype=np.float64)
times = []
for _ in range(repeats):
    start = time.perf_counter()
    auc = roc_auc_score(labels, scores)
    times.append(time.perf_counter() - start)
times.sort()
print(json.dumps({"tool": "scikit-learn " + sklearn.__version__, "rows": int(labels.shape[0]),
                  "auc": repr(float(auc)), "seconds": times[len(times) // 2]}))
