"""One way to make a rich console: colour only when asked, plain text in pipes and files."""

from __future__ import annotations

from typing import IO

from rich.console import Console, RenderableType

# Off a terminal rich assumes 80 columns and would fold wide tables; a file or a pipe
# has no width, so give tables room to take their natural width.
PIPE_WIDTH = 200


def make_console(stream: IO[str], *, color: bool) -> Console:
    is_tty = getattr(stream, "isatty", lambda: False)()
    return Console(
        file=stream,
        no_color=not color,
        force_terminal=color,
        highlight=False,
        emoji=False,
        width=None if is_tty else PIPE_WIDTH,
    )


def put(console: Console, *renderables: RenderableType, soft_wrap: bool | None = None) -> None:
    """Print; off a terminal, without the trailing blanks rich pads table lines with
    (they would end up in files, diffs and the documentation)."""
    if console.is_terminal:
        console.print(*renderables, soft_wrap=soft_wrap)
        return
    with console.capture() as captured:
        console.print(*renderables, soft_wrap=soft_wrap)
    lines = [line.rstrip() for line in captured.get().splitlines()]
    console.file.write("".join(f"{line}\n" for line in lines))
