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
    """The program or month could not be inferred; the upload form asks, the CLI fails."""

    def __init__(self, file_name: str, missing: str):
        super().__init__(file_name, f"无法从表头、标题行或文件名判断{missing}，请在上传时选择或用命令行参数指定")
        self.missing = missing


class BatchNotFound(JiuzhuError):
    pass


class Forbidden(JiuzhuError):
    """The user's role or village does not allow this (analytics.access.scope); the message says what and why."""

    @classmethod
    def outside(cls, village: str, what: str) -> Forbidden:
        """A 村(居) account asking for something not of its village."""
        return cls(f"当前账户只能查看{village}的数据，无权查看{what}")
