"""spaCy's NER loaded by a forked helper process while the brief is being made (the CLI's cold start).

A cold ``newsbrief brief`` spends most of its time importing spaCy and loading
its model (about 1.6 of 2.2 s on the 2-core dev box), work that does not
depend on the articles. ``start()`` forks a helper that does it on another core
while this process reads, selects and cites; ``entities.load_ner`` then takes
the helper (``take()``), sends it the text windows and gets the entities back.

Only where forking is safe and pays: Linux, two cores or more, a process with
no other thread (a fork copies locks another thread may hold) and no model
loaded yet; the ``ner_helper`` setting (``NEWSBRIEF_NER_HELPER=0``) turns it off. The helper keeps none of
the parent's files open. If it cannot load the model it says why; if it dies
or hangs, the model loads in this process as before.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import signal
import sys
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, Pipe
from typing import Any

from newsbrief.errors import ModelUnavailableError

# Seconds to wait for the helper's model before loading it here instead.
READY_TIMEOUT = 60.0

_helper: dict[str, Any] = {}


def start() -> bool:
    """Fork the helper, which starts loading the model at once; False where it would not pay or is unsafe."""
    if _helper or not sys.platform.startswith("linux") or (os.cpu_count() or 1) < 2 \
            or threading.active_count() > 1 or _model_loaded():
        return False
    ours, theirs = Pipe()
    pid = os.fork()
    if pid == 0:  # the helper: never returns
        ours.close()
        _serve(theirs)
    theirs.close()
    _helper.update(connection=ours, pid=pid)
    atexit.register(_stop_unused)
    return True


def _model_loaded() -> bool:
    from newsbrief.names import entities

    return bool(entities._state)


def _stop_unused() -> None:
    """At exit, stop a helper nobody took (the brief failed, or needed no NER): no model load for nothing."""
    _stop(_helper.pop("connection", None), _helper.pop("pid", None))


def _stop(connection: Connection | None, pid: int | None) -> None:
    if connection is not None:
        connection.close()
    if pid is not None:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)


def take() -> RemoteNER | None:
    """The helper's NER, once its model is loaded; None if no helper runs (or it died: load here).

    Raises:
        ModelUnavailableError: the helper could not load spaCy or the model.
    """
    connection: Connection | None = _helper.pop("connection", None)
    pid = _helper.pop("pid", None)
    if connection is None:
        return None
    try:
        if connection.poll(READY_TIMEOUT):
            status, message = connection.recv()
            if status == "error":
                raise ModelUnavailableError(message)
            return RemoteNER(connection)
    except (EOFError, OSError):
        pass
    _stop(connection, pid)
    return None


@dataclass(frozen=True, slots=True)
class RemoteEntity:
    """The fields of a spaCy entity span that ``entities.run_ner`` reads."""

    start_char: int
    end_char: int
    label_: str
    text: str


@dataclass(frozen=True, slots=True)
class RemoteDoc:
    ents: tuple[RemoteEntity, ...]


class RemoteNER:
    """``nlp.pipe`` of the helper's model: texts go over the pipe, entities come back."""

    def __init__(self, connection: Connection):
        self._connection = connection

    def pipe(self, texts: Iterable[str], batch_size: int = 256) -> Iterator[RemoteDoc]:
        self._connection.send(list(texts))
        for ents in self._connection.recv():
            yield RemoteDoc(tuple(RemoteEntity(*ent) for ent in ents))


def _serve(connection: Connection) -> None:
    """The helper's life: load the model, then label texts until the parent closes the pipe."""
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
        quiet = os.open(os.devnull, os.O_RDWR)
        for standard in (0, 1, 2):
            os.dup2(quiet, standard)
        # Hold none of the parent's files, sockets or pipes: a pipe someone waits to see closed must close.
        keep = connection.fileno()
        os.closerange(3, keep)
        os.closerange(keep + 1, os.sysconf("SC_OPEN_MAX"))
        from newsbrief.names.entities import load_model

        try:
            nlp = load_model()
        except ModelUnavailableError as exc:
            connection.send(("error", str(exc)))
            return
        connection.send(("ready", None))
        while True:
            texts = connection.recv()
            connection.send([[(e.start_char, e.end_char, e.label_, e.text) for e in doc.ents]
                             for doc in nlp.pipe(texts, batch_size=256)])
    except (EOFError, OSError):
        pass  # the parent is done
    except BaseException:
        code = 1
    finally:
        os._exit(code)
