"""Immutable records: the model's value classes (a criterion, an answer, a problem…), declared by their fields.

`@record` gives a class with slots an `__init__` taking its fields in order (defaults, `field(factory=…)`,
`field(init=False)` set by `__post_init__`), equality and hashing on its fields (`field(eq=False)` left out),
a readable repr, and no assignment after `__init__`. `evolve`, `fields`, `asdict` and `astuple` work on any
record.

Why not attrs or dataclasses: both build each class by generating and compiling five or six methods, and
attrs' import alone took 15–22 ms; the program defines sixty records, so a cold `inspector score --json`
spent half of its 115 ms making classes. Here only `__init__` is compiled (it is the one on every hot
path); equality, hashing and repr are shared methods reading the field names. `dataclass_transform` tells
type checkers what the decorator makes.
"""

from __future__ import annotations

from operator import attrgetter
from typing import Any, Callable, TypeVar, dataclass_transform, overload

__all__ = ["FrozenError", "Field", "field", "record", "evolve", "fields", "asdict", "astuple", "is_record"]

T = TypeVar("T")
_NOTHING: Any = type("_Nothing", (), {"__repr__": lambda self: "NOTHING", "__slots__": ()})()


class FrozenError(AttributeError):
    """A record's field was assigned after it was made."""


class Field:
    __slots__ = ("name", "default", "factory", "init", "eq", "repr")

    def __init__(self, default: Any = _NOTHING, factory: Callable[[], Any] | None = None, init: bool = True,
                 eq: bool = True, repr: bool = True) -> None:
        self.name = ""
        self.default, self.factory, self.init, self.eq, self.repr = default, factory, init, eq, repr

    @property
    def has_default(self) -> bool:
        return self.default is not _NOTHING or self.factory is not None

    def __repr__(self) -> str:
        return f"Field({self.name!r})"


def field(*, default: Any = _NOTHING, factory: Callable[[], Any] | None = None, init: bool = True, eq: bool = True,
          repr: bool = True) -> Any:
    """A field with a default made by `factory`, or kept out of `__init__`, equality or repr."""
    return Field(default, factory, init, eq, repr)


@overload
def record(cls: type[T], /) -> type[T]: ...


@overload
def record(*, frozen: bool = True) -> Callable[[type[T]], type[T]]: ...


@dataclass_transform(frozen_default=True, field_specifiers=(field, Field))
def record(cls: type[T] | None = None, /, *, frozen: bool = True) -> Any:
    if cls is None:
        return lambda inner: _build(inner, frozen)
    return _build(cls, frozen)


def _own_fields(cls: type) -> list[Field]:
    found = []
    annotations = cls.__dict__.get("__annotations__")
    if annotations is None:  # annotations evaluated lazily (Python 3.14 without `from __future__ import annotations`)
        import inspect

        annotations = inspect.get_annotations(cls)
    for name, annotation in annotations.items():
        if "ClassVar" in str(annotation):
            continue
        value = cls.__dict__.get(name, _NOTHING)
        spec = value if isinstance(value, Field) else Field(default=value)
        spec.name = name
        found.append(spec)
    return found


def _init_source(specs: list[Field], frozen: bool, post_init: bool) -> tuple[str, dict[str, Any]]:
    params, body, scope = ["self"], [], {"_NOTHING": _NOTHING, "_setattr": object.__setattr__}
    for spec in specs:
        if not spec.init:
            continue
        arg = spec.name.lstrip("_") or spec.name
        if spec.factory is not None:
            scope[f"_factory_{spec.name}"] = spec.factory
            params.append(f"{arg}=_NOTHING")
            value = f"_factory_{spec.name}() if {arg} is _NOTHING else {arg}"
        else:
            if spec.default is not _NOTHING:
                scope[f"_default_{spec.name}"] = spec.default
                params.append(f"{arg}=_default_{spec.name}")
            else:
                params.append(arg)
            value = arg
        body.append(f"_setattr(self, {spec.name!r}, {value})" if frozen else f"self.{spec.name} = {value}")
    if post_init:
        body.append("self.__post_init__()")
    return f"def __init__({', '.join(params)}):\n    " + ("\n    ".join(body) or "pass") + "\n", scope


def _build(cls: type, frozen: bool) -> type:
    specs = _own_fields(cls)
    names = tuple(spec.name for spec in specs)
    namespace = {k: v for k, v in cls.__dict__.items() if k not in names and k not in ("__dict__", "__weakref__")}
    namespace["__slots__"] = (*names, "__weakref__")
    namespace["__record_fields__"] = tuple(specs)
    # (field, its __init__ argument) of the fields __init__ takes: what evolve copies, worked out once
    namespace["__record_arguments__"] = tuple((spec.name, spec.name.lstrip("_") or spec.name) for spec in specs
                                              if spec.init)
    namespace["__match_args__"] = tuple(spec.name for spec in specs if spec.init)
    built_class: list[type] = []
    namespace["__init__"] = _first_init(cls.__qualname__, specs, frozen, "__post_init__" in namespace, built_class)
    eq_names = [spec.name for spec in specs if spec.eq]
    namespace["_record_key"] = staticmethod(_key_getter(eq_names))
    namespace["_record_shown"] = tuple(spec.name for spec in specs if spec.repr)
    namespace.setdefault("__eq__", _eq)
    namespace.setdefault("__ne__", _ne)
    namespace.setdefault("__repr__", _repr)
    if frozen:
        namespace.setdefault("__hash__", _hash)
        namespace["__setattr__"] = _frozen_setattr
        namespace["__delattr__"] = _frozen_delattr
    else:
        namespace["__hash__"] = None  # a mutable record is not hashable
    namespace["__getstate__"] = _getstate
    namespace["__setstate__"] = _setstate
    built = type(cls)(cls.__name__, cls.__bases__, namespace)
    built_class.append(built)
    _repoint_class_cells(built, cls)
    return built


def _first_init(qualname: str, specs: list[Field], frozen: bool, post_init: bool,
                built: list[type]) -> Callable[..., None]:
    """An `__init__` that compiles the real one the first time a record of the class is made, and puts it in
    its place (on the record's class, `built[0]`, never on a subclass): a command compiles only the classes
    it uses (a cold `score` makes a third of them)."""

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        source, scope = _init_source(specs, frozen, post_init)
        exec(compile(source, f"<record {qualname}>", "exec"), scope)  # noqa: S102 - our own text, above
        real = scope["__init__"]
        real.__qualname__ = f"{qualname}.__init__"
        type.__setattr__(built[0], "__init__", real)
        real(self, *args, **kwargs)

    __init__.__qualname__ = f"{qualname}.__init__"
    return __init__


def _key_getter(names: list[str]) -> Callable[[Any], tuple[Any, ...]]:
    if not names:
        return lambda self: ()
    if len(names) == 1:
        one = attrgetter(names[0])
        return lambda self: (one(self),)
    return attrgetter(*names)


def _repoint_class_cells(built: type, original: type) -> None:
    """Methods using `super()` or `__class__` hold the class being replaced in a cell: point it at the new one."""
    for value in built.__dict__.values():
        function = getattr(value, "__func__", value)
        for cell in getattr(function, "__closure__", None) or ():
            try:
                if cell.cell_contents is original:
                    cell.cell_contents = built
            except ValueError:  # an empty cell
                continue


def _eq(self: Any, other: Any) -> Any:
    if other.__class__ is not self.__class__:
        return NotImplemented
    return self._record_key(self) == other._record_key(other)


def _ne(self: Any, other: Any) -> Any:
    equal = _eq(self, other)
    return equal if equal is NotImplemented else not equal


def _hash(self: Any) -> int:
    return hash((self.__class__.__qualname__, self._record_key(self)))


def _repr(self: Any) -> str:
    shown = ", ".join(f"{name}={getattr(self, name, _NOTHING)!r}" for name in self._record_shown)
    return f"{self.__class__.__name__}({shown})"


def _frozen_setattr(self: Any, name: str, value: Any) -> None:
    raise FrozenError(name)


def _frozen_delattr(self: Any, name: str) -> None:
    raise FrozenError(name)


def _getstate(self: Any) -> dict[str, Any]:
    return {spec.name: getattr(self, spec.name) for spec in self.__record_fields__ if hasattr(self, spec.name)}


def _setstate(self: Any, state: dict[str, Any]) -> None:
    for name, value in state.items():
        object.__setattr__(self, name, value)


def is_record(value: Any) -> bool:
    return isinstance(value, type) and "__record_fields__" in value.__dict__


def fields(cls: type) -> tuple[Field, ...]:
    if not is_record(cls):
        raise TypeError(f"{cls!r} is not a record")
    found: tuple[Field, ...] = cls.__dict__["__record_fields__"]
    return found


def evolve(instance: T, **changes: Any) -> T:
    """A copy of the record with some fields changed (every other field as it was, init=False ones remade)."""
    cls = type(instance)
    try:
        arguments = cls.__dict__["__record_arguments__"]
    except KeyError:
        raise TypeError(f"{cls!r} is not a record") from None
    for name, argument in arguments:
        if argument not in changes:
            changes[argument] = getattr(instance, name)
    return cls(**changes)


def asdict(instance: Any, recurse: bool = True) -> dict[str, Any]:
    return {spec.name: _plain(getattr(instance, spec.name), recurse) for spec in fields(type(instance))}


def astuple(instance: Any, recurse: bool = True) -> tuple[Any, ...]:
    return tuple(_plain(getattr(instance, spec.name), recurse, as_tuple=True) for spec in fields(type(instance)))


def _plain(value: Any, recurse: bool, as_tuple: bool = False) -> Any:
    if not recurse:
        return value
    if is_record(type(value)):
        return astuple(value) if as_tuple else asdict(value)
    if isinstance(value, (list, tuple)):  # as attrs did: every sequence comes out a list
        return [_plain(v, recurse, as_tuple) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v, recurse, as_tuple) for k, v in value.items()}
    return value
