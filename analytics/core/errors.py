"""Named errors under one base class: the UI edge catches JiuzhuError and shows its Chinese message."""
from __future__ import annotations


class JiuzhuError(Exception):
    """Anything the user can act on; the message is Chinese and complete."""

    def __reduce__(self):
        """Cross a process boundary (analytics.importing.sandbox) whatever the subclass's __init__ takes."""
        return _rebuild, (type(self), self.args, self.__dict__)


def _rebuild(cls: type, args: tuple, state: dict) -> JiuzhuError:
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


class ConfigError(JiuzhuError):
    pass


class StoreBusyError(JiuzhuError):
    pass


class FileRejected(JiuzhuError):
    """The file cannot be understood at all; nothing of it is written."""

    def __init__(self, file_name: str, message: str, problems: list | None = None):
        super().__init__(f"文件“{file_name}”未导入：{message}")
        self.file_name = file_name
        self.problems = problems or []


class NeedsInput(FileRejected):
    """A value every row needs could not be read from the file; the upload form asks (offering `choices`, if any),
    the CLI fails and names its option. `missing` is the first such value, `needs` all of them: label -> choices."""

    def __init__(self, file_name: str, missing: str, choices: tuple[str, ...] = (), *,
                 needs: dict[str, tuple[str, ...]] | None = None, considered: str = "", why: str = ""):
        self.needs = needs or {missing: choices}
        labels = "、".join(f"“{label}”" for label in self.needs)
        how = f"--set {missing}={'或'.join(choices)} 指定" if why else \
            "--set 列名=值 指定（数据类型、月份、救助类别用 --kind、--period、--program）"
        why = why or f"无法从表头、标题行、工作表名或文件名判断{labels}{considered}"
        super().__init__(file_name, f"{why}，请在上传时选择，或在命令行用 {how}")
        self.missing, self.choices = missing, choices


class BatchNotFound(JiuzhuError):
    pass


class Forbidden(JiuzhuError):
    """The user's role or village does not allow this (analytics.access.scope); the message says what and why."""

    @classmethod
    def outside(cls, village: str, what: str) -> Forbidden:
        """A 村(居) account asking for something not of its village."""
        return cls(f"当前账户只能查看{village}的数据，无权查看{what}")
