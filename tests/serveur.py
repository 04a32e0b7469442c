"""Un vrai ``orientation serve`` pour les tests : sous-processus sur 127.0.0.1, port libre
choisi par le système (``--port 0``), adresse lue dans l'annonce du service."""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass, field

from tests.conftest import RACINE

_ANNONCE = re.compile(r"service sur (http://127\.0\.0\.1:\d+) ")


@dataclass
class Serveur:
    processus: subprocess.Popen
    url: str
    _lignes: list[str] = field(default_factory=list)

    def arreter(self, delai: float = 20) -> tuple[int, str]:
        """SIGTERM, puis le code de sortie et toute la sortie d'erreur du service."""
        if self.processus.poll() is None:
            self.processus.send_signal(signal.SIGTERM)
        try:
            _, erreur = self.processus.communicate(timeout=delai)
        except subprocess.TimeoutExpired:
            self.processus.kill()
            _, erreur = self.processus.communicate()
        return self.processus.returncode, "".join(self._lignes) + erreur


def lancer(*args: str, env: dict[str, str] | None = None, delai: float = 60) -> Serveur:
    environnement = {k: v for k, v in os.environ.items() if k != "ORIENTATION_JETON"}
    environnement.update(env or {})
    processus = subprocess.Popen(
        [sys.executable, "-m", "orientation", "serve", "--port", "0", *args],
        cwd=RACINE, env=environnement, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        text=True,
    )
    lignes: queue.Queue[str | None] = queue.Queue()
    lues: list[str] = []

    def lire_annonce() -> None:
        for ligne in processus.stderr:
            lignes.put(ligne)
            if _ANNONCE.search(ligne):
                return
        lignes.put(None)

    threading.Thread(target=lire_annonce, daemon=True).start()
    while True:
        try:
            ligne = lignes.get(timeout=delai)
        except queue.Empty:
            processus.kill()
            raise RuntimeError("orientation serve ne s'est pas annoncé à temps") from None
        if ligne is None:
            processus.wait(timeout=10)
            raise RuntimeError("orientation serve s'est arrêté : " + "".join(lues))
        lues.append(ligne)
        trouve = _ANNONCE.search(ligne)
        if trouve:
            return Serveur(processus, trouve.group(1), lues)
