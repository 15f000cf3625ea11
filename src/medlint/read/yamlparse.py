"""Parse YAML text that users write, with PyYAML: libyaml (its C parser) when PyYAML has it,
else, and to say what is wrong, the pure-Python parser.

Mappings and sequences come back located (:mod:`medlint.read.located`). Aliases are refused
(they are how a small YAML file explodes into a huge one), and so are duplicate keys (the
second silently wins in plain PyYAML).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import yaml

from medlint.errors import MedlintError
from medlint.read.located import LocatedDict, LocatedList


def _position(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Loader(yaml.SafeLoader):
    def __init__(self, stream: str, error_type: type[MedlintError], path: str) -> None:
        super().__init__(stream)
        self.error_type = error_type
        self.path = path

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
            raise self.error_type(
                "YAML aliases (*name) are not allowed here",
                path=self.path,
                line=mark.line + 1,
                column=mark.column + 1,
                hint="write the value out in full",
            )
        return super().compose_node(parent, index)


def _construct_map(loader: _Loader, node: yaml.MappingNode) -> Iterator[LocatedDict]:
    data = LocatedDict()
    data.line, data.column = _position(node)
    yield data
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = _new_key(data, loader.construct_object(key_node, deep=True), key_node, loader)
        data[key] = loader.construct_object(value_node, deep=True)


def _new_key(mapping: LocatedDict, key: Any, key_node: yaml.Node, loader: Any) -> str:
    """A mapping's key as text, placed; a key met twice is an error (PyYAML keeps the last)."""
    line, column = _position(key_node)
    text = key if isinstance(key, str) else str(key)
    if text in mapping:
        raise loader.error_type(
            f"duplicate key '{text}'", path=loader.path, line=line, column=column
        )
    mapping.key_positions[text] = (line, column)
    return text


def _construct_seq(loader: _Loader, node: yaml.SequenceNode) -> Iterator[LocatedList]:
    data = LocatedList()
    data.line, data.column = _position(node)
    yield data
    for item in node.value:
        data.append(loader.construct_object(item, deep=True))
        data.item_positions.append(_position(item))


def _construct_int(loader: _Loader, node: yaml.ScalarNode) -> int:
    """An integer; one of thousands of digits (which Python's int() refuses) is an error."""
    try:
        value: int = loader.construct_yaml_int(node)
    except ValueError:
        line, column = _position(node)
        raise loader.error_type(
            f"a number of {len(str(node.value))} characters is too long",
            path=loader.path,
            line=line,
            column=column,
        ) from None
    return value


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)
_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)

_FastLoader: Any = None
_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
if getattr(yaml, "__with_libyaml__", False):

    class _CLoader(yaml.CSafeLoader):
        """libyaml's parser, and the values built straight from its nodes (PyYAML's general
        constructor costs more than the parsing): text as is, other scalars by PyYAML's safe
        constructors. An alias (a node met twice) fails, and the pure-Python parser then
        reports it."""

        def __init__(self, stream: str, error_type: type[MedlintError], path: str) -> None:
            super().__init__(stream)
            self.error_type = error_type
            self.path = path
            self._met: set[int] = set()

        def get_single_data(self) -> Any:
            node = self.get_single_node()
            return None if node is None else self.build(node)

        def build(self, node: Any) -> Any:
            if id(node) in self._met:
                raise yaml.YAMLError("alias")
            self._met.add(id(node))
            if isinstance(node, yaml.ScalarNode):
                if node.tag == _STR:
                    return node.value
                return self.construct_object(node, deep=True)
            if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
                items = LocatedList()
                items.line, items.column = _position(node)
                for item in node.value:
                    items.append(self.build(item))
                    items.item_positions.append(_position(item))
                return items
            if not isinstance(node, yaml.MappingNode) or node.tag != _MAP:
                raise yaml.YAMLError(f"tagged {node.tag}")  # left to the Python parser
            mapping = LocatedDict()
            mapping.line, mapping.column = _position(node)
            for key_node, value_node in node.value:
                key = _new_key(mapping, self.build(key_node), key_node, self)
                mapping[key] = self.build(value_node)
            return mapping

    _CLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
    _FastLoader = _CLoader


def parse(text: str, *, path: str, error_type: type[MedlintError]) -> Any:
    """Parse YAML text; any syntax problem becomes ``error_type`` with the file, line and column."""
    if _FastLoader is not None:
        fast = _FastLoader(text, error_type, path)
        try:
            return fast.get_single_data()
        except (yaml.YAMLError, MedlintError, RecursionError, ValueError):
            pass  # parsed again below, to say what is wrong
        finally:
            fast.dispose()
    loader = _Loader(text, error_type, path)
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        raise error_type(
            f"invalid YAML: {problem}",
            path=path,
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
        ) from None
    except yaml.YAMLError as exc:
        raise error_type(f"invalid YAML: {exc}", path=path) from None
    except RecursionError:
        raise error_type("invalid YAML: nested too deeply", path=path) from None
    finally:
        loader.dispose()
