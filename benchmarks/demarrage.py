"""Démarrage de ``orientation screen`` : un médecin qui lance la commande attend le processus
entier (interpréteur, imports, référentiel, repérage, texte).

    .venv/bin/python benchmarks/demarrage.py [--n 15]

Chaque essai est un processus neuf, avec le code compilé en cache (``__pycache__``, comme
après une installation) ; imprime la médiane, le minimum et le maximum du temps écoulé et du
temps processeur, puis ce que coûtent les imports (``python -X importtime``). Aucune
assertion : des chiffres (docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
EXEMPLE = RACINE / "examples" / "03_personne_agee_complexe.json"


def _environnement() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # le cas d'un utilisateur : le cache sert
    return env


def _essai(commande: list[str]) -> tuple[float, float]:
    avant = resource.getrusage(resource.RUSAGE_CHILDREN)
    debut = time.perf_counter()
    subprocess.run(commande, check=True, stdout=subprocess.DEVNULL, env=_environnement(),
                   cwd=RACINE)
    ecoule = time.perf_counter() - debut
    apres = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (apres.ru_utime - avant.ru_utime) + (apres.ru_stime - avant.ru_stime)
    return ecoule, cpu


def _serie(nom: str, commande: list[str], n: int) -> None:
    _essai(commande)  # écrit le cache du code compilé
    essais = [_essai(commande) for _ in range(n)]
    ecoules, cpus = [e for e, _ in essais], [c for _, c in essais]
    print(f"| {nom} | {statistics.median(ecoules) * 1000:.0f} ms "
          f"({min(ecoules) * 1000:.0f}–{max(ecoules) * 1000:.0f}) | "
          f"{statistics.median(cpus) * 1000:.0f} ms |")


def _imports() -> None:
    p = subprocess.run([sys.executable, "-X", "importtime", "-c", "import orientation.interfaces"
                        ".cli, orientation.evaluation.moteur"], capture_output=True, text=True,
                       env=_environnement(), cwd=RACINE)
    cumuls: dict[str, int] = {}
    for ligne in p.stderr.splitlines():
        m = re.match(r"import time:\s+\d+ \|\s+(\d+) \|(\s*)(\S+)", ligne)
        if m and len(m.group(2)) <= 3:  # modules de premier niveau
            cumuls[m.group(3).split(".")[0]] = cumuls.get(m.group(3).split(".")[0], 0) + int(
                m.group(1))
    print("\nImports (cumul par paquet de premier niveau, µs) :")
    for nom, us in sorted(cumuls.items(), key=lambda x: -x[1])[:8]:
        print(f"  {nom:20s} {us / 1000:7.1f} ms")


def main() -> None:
    analyseur = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    analyseur.add_argument("--n", type=int, default=15, help="essais par mesure")
    n = analyseur.parse_args().n
    charge = os.getloadavg()[0]
    print(f"{platform.machine()}, {os.cpu_count()} cœurs, Python {platform.python_version()}, "
          f"charge moyenne {charge:.1f} au départ")
    print("\n| commande (processus neuf) | temps écoulé, médiane (min–max) | processeur |")
    print("| --- | --- | --- |")
    _serie("python -c pass (l'interpréteur seul)", [sys.executable, "-c", "pass"], n)
    _serie("orientation --help", [sys.executable, "-m", "orientation", "--help"], n)
    _serie("orientation screen exemple.json", [sys.executable, "-m", "orientation", "screen",
                                               str(EXEMPLE)], n)
    _serie("orientation screen exemple.json --format json",
           [sys.executable, "-m", "orientation", "screen", str(EXEMPLE), "--format", "json"], n)
    _imports()
    print(f"\ncharge moyenne à la fin : {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
