"""A named registry that built-in parts and third-party entry points fill the same way.

    readers = Registry("tiewatch.readers")
    @readers.register("html")
    class HtmlReader: ...

Entry points in the group are loaded the first time the registry is read, so a package that
declares `[project.entry-points."tiewatch.readers"] mine = "pkg.mod:MyReader"` is picked up
without touching tiewatch.
"""

from __future__ import annotations

from importlib.metadata import entry_points
from typing import Any, Callable, Iterator


class Registry:
    def __init__(self, group: str):
        self.group = group
        self._items: dict[str, Any] = {}
        self._loaded_entry_points = False

    def register(self, name: str) -> Callable[[Any], Any]:
        def decorate(obj: Any) -> Any:
            self._items[name] = obj
            return obj

        return decorate

    def add(self, name: str, obj: Any) -> None:
        self._items[name] = obj

    def _load_entry_points(self) -> None:
        if self._loaded_entry_points:
            return
        self._loaded_entry_points = True
        for ep in entry_points(group=self.group):
            if ep.name not in self._items:
                self._items[ep.name] = ep.load()

    def get(self, name: str) -> Any:
        self._load_entry_points()
        try:
            return self._items[name]
        except KeyError:
            known = ", ".join(sorted(self._items)) or "none"
            raise KeyError(f"no {self.group} entry named {name!r} (known: {known})") from None

    def names(self) -> list[str]:
        self._load_entry_points()
        return list(self._items)

    def items(self) -> Iterator[tuple[str, Any]]:
        self._load_entry_points()
        return iter(list(self._items.items()))

    def __contains__(self, name: str) -> bool:
        self._load_entry_points()
        return name in self._items
