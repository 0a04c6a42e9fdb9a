"""Completes the last tag in a comma-separated list from the plan's tags and those used before."""

from __future__ import annotations

from textual.suggester import Suggester


class TagSuggester(Suggester):
    def __init__(self, tags: list[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=False)
        self.tags = list(dict.fromkeys(tags))

    async def get_suggestion(self, value: str) -> str | None:
        head, _, last = value.rpartition(",")
        word = last.lstrip().casefold()
        if not word:
            return None
        taken = {t.strip().casefold() for t in head.split(",")}
        for tag in self.tags:
            if tag.casefold().startswith(word) and tag.casefold() != word and tag.casefold() not in taken:
                prefix = value[: len(value) - len(last.lstrip())]
                return prefix + tag
        return None
