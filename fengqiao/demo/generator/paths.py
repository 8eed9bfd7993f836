"""Following a list of actions through the seeded workflow, without the database."""
from __future__ import annotations

from functools import cache

from fengqiao.cases.seed import PROCESSES
from fengqiao.demo.generator.specs import NON_TRANSITIONS


@cache
def _table(process: str) -> tuple[str, dict[tuple[str, str], str]]:
    _name, _description, states, transitions = PROCESSES[process]
    table = {(source, action): target for action, _n, source, target, _roles, _note in transitions}
    return states[0][0], table


def walk(process: str, actions: list[str]) -> str:
    """The state reached from the initial state by `actions` (steps that are not transitions are skipped)."""
    state, table = _table(process)
    for action in actions:
        if action in NON_TRANSITIONS:
            continue
        try:
            state = table[(state, action)]
        except KeyError as exc:
            raise ValueError(f"{process}: no action {action!r} from {state!r}") from exc
    return state
