"""commit_files plans the next file while it writes the one before: the reading process and the store use both
cores, one file ahead and no more."""
from concurrent.futures import Future

from analytics.importing import files


class Recorder:
    """A stand-in for the reading thread: records what was submitted, answers at once."""

    def __init__(self):
        self.submitted = []

    def submit(self, fn, source, *args):
        self.submitted.append(source)
        done = Future()
        done.set_result(f"plan of {source}")
        return done


def test_the_next_file_is_read_while_the_one_before_is_written(config):
    reader = Recorder()
    ahead = files._read_ahead(reader, [("a.xlsx", b""), ("b.xlsx", b""), ("c.xlsx", b"")], config, None, None, None,
                              None)
    first = next(ahead)
    assert [name for name, _ in reader.submitted] == ["a.xlsx", "b.xlsx"]  # b is under way while a is written
    assert files._planned(first, config, None, None, None) == "plan of ('a.xlsx', b'')"
    next(ahead)
    assert len(reader.submitted) == 3  # never more than one file ahead
    assert len(list(ahead)) == 1


def test_a_plan_already_made_is_not_planned_again(config):
    reader, plan = Recorder(), object.__new__(files.ImportPlan)
    assert list(files._read_ahead(reader, [plan], config, None, None, None, None)) == [plan]
    assert reader.submitted == []
