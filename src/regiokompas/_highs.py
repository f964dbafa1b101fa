"""One way to create a HiGHS solver for the whole process.

HiGHS runs its parallel work on a *global* task scheduler that is sized by the ``threads``
option of the first solver that runs. A later solver asking for a different number of threads
fails with ``kError`` and no solution ("global scheduler has already been initialized"), so a
cost-sharing LP with the default thread count followed by a region optimisation with
``threads=1`` silently broke the latter. Every solver in Regiokompas is therefore made here,
with the same thread count. The public ``highspy.Highs`` wrapper also prints a banner on stdout
when it is first constructed, which would corrupt JSON/CSV output; the core class does not.
"""

from __future__ import annotations

from typing import Any

import highspy

__all__ = ["SOLVER_THREADS", "new_highs"]

#: Threads for every HiGHS solver in the process (see the module docstring for why it is fixed).
#: The models here are solved by serial simplex and branch-and-bound; more threads gained
#: nothing measurable on the 2-core machines we run on.
SOLVER_THREADS = 1


def new_highs(time_limit: float | None = None) -> Any:
    """A silent HiGHS solver with the process-wide thread count and an optional time limit.

    >>> h = new_highs(time_limit=5)
    >>> h.getOptionValue("threads")[1]
    1
    """
    solver = highspy._core._Highs()  # highspy >= 1.7; the wrapper adds only the banner
    solver.setOptionValue("output_flag", False)
    solver.setOptionValue("threads", SOLVER_THREADS)
    if time_limit is not None:
        solver.setOptionValue("time_limit", float(max(time_limit, 0.01)))
    return solver
