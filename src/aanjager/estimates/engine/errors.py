from dataclasses import dataclass

MAX_PROBLEMS = 100


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None  # 1 is the header; None for problems about the file as a whole
    column: str
    message: str

    def __post_init__(self):
        # A NUL character (from a file's column names or cells) can be neither shown nor stored in PostgreSQL's
        # JSON: write it as \0.
        for name in ("file", "column", "message"):
            value = getattr(self, name)
            if isinstance(value, str) and "\x00" in value:
                object.__setattr__(self, name, value.replace("\x00", "\\0"))

    def __str__(self):
        where = (
            f"{self.file}"
            + (f", regel {self.line}" if self.line else "")
            + (f", kolom {self.column}" if self.column else "")
        )
        return f"{where}: {self.message}"


class InputError(ValueError):
    """The input cannot be used. `problems` holds the first 100, `total` how many there are in all."""

    def __init__(self, problems: list[Problem], total: int | None = None):
        self.problems = problems[:MAX_PROBLEMS]
        self.total = max(total or 0, len(problems))
        super().__init__(self.report())

    def report(self) -> str:
        lines = [str(p) for p in self.problems]
        if self.total > len(self.problems):
            lines.append(f"… en nog {self.total - len(self.problems)} problemen")
        return "\n".join(lines)
