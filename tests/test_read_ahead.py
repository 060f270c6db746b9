"""commit_files plans the next files while it writes the one before: each reading process and the store use the
cores, DEPTH files ahead and no more."""
from concurrent.futures import Future

from analytics.importing import ahead as ahead_module
from analytics.importing.ahead import PlansAhead, plan_of
from analytics.importing.plan import ImportPlan


class Recorder:
    """A stand-in for the reading threads: records what was submitted, answers at once."""

    def __init__(self):
        self.submitted = []

    def submit(self, fn, source, *args, **kwargs):
        self.submitted.append(source)
        done = Future()
        done.set_result(f"plan of {source}")
        return done

    def shutdown(self, **_):
        pass


def test_the_next_files_are_read_while_the_one_before_is_written(config):
    reader = Recorder()
    files = [(f"{name}.xlsx", b"") for name in "abcd"]
    ahead = iter(PlansAhead(files, config, reader=reader))
    assert [name for name, _ in reader.submitted] == ["a.xlsx", "b.xlsx"]  # reading starts when made
    first = next(ahead)
    assert [name for name, _ in reader.submitted] == ["a.xlsx", "b.xlsx", "c.xlsx"]  # b, c under way while a is written
    assert plan_of(first, config) == "plan of ('a.xlsx', b'')"
    next(ahead)
    assert len(reader.submitted) == 4  # never more than DEPTH files ahead
    assert len(list(ahead)) == 2
    assert ahead_module.DEPTH == 2


def test_a_plan_already_made_is_not_planned_again(config):
    reader, plan = Recorder(), object.__new__(ImportPlan)
    assert list(PlansAhead([plan], config, reader=reader)) == [plan]
    assert reader.submitted == []
