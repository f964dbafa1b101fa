"""Cost-sharing LPs and the region optimiser share one process without breaking each other.

Regression: HiGHS sizes a global scheduler by the first solver's thread count; a nucleolus
(default threads) followed by a partition (threads=1) made the optimiser report "no valid
partition within the time limit". Run in a fresh interpreter so the order is really this one.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_nucleolus_then_partition_in_one_process() -> None:
    script = textwrap.dedent(
        """
        import numpy as np
        from regiokompas.partition.model import RegionPartitioner
        from regiokompas.sharing.game import CostGame
        from regiokompas.sharing.nucleolus import nucleolus

        # 3-player game: c(i)=6, pairs 8, all 9 -> nucleolus (3, 3, 3) by symmetry.
        costs = np.array([0, 6, 6, 8, 6, 8, 8, 9], dtype=float)
        alloc = nucleolus(CostGame(("a", "b", "c"), costs)).allocation
        assert np.allclose(alloc, [3, 3, 3]), alloc

        def scorer(groups, nodes):  # a pair is worth 1, the triple 1.5: best is 1 pair + 1 alone
            sizes = (groups >= 0).sum(axis=1)
            return np.where(sizes == 2, 1.0, np.where(sizes == 3, 1.5, 0.0))

        result = RegionPartitioner(
            ["A", "B", "C", "D"], [("A", "B"), ("B", "C"), ("C", "D")], scorer,
            max_size=3, time_limit=10,
        ).solve()
        assert abs(result.objective - 2.0) < 1e-9, result  # A-B and C-D
        print("ok", result.status)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith("ok"), done.stdout
